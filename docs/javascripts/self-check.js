/* Self-check "Is back massage right for me now?"
 *
 * Runs only on the patient's device: it reads the rule table the build embedded in the page (the
 * form's data-rules attribute, JSON), evaluates the answers and shows the result
 * texts the build rendered (hidden) into the page. It sends nothing, stores nothing and never changes
 * the address (a test checks it uses no API that could). No rule for any single question is written
 * here: every question's tier comes from the data.
 *
 * Test contract: window.selfCheck.evaluate(answers) -> {tier, localCaution, reasons, cautions}
 *   answers: {questionId: "yes" | "no" | "unsure"}; a missing or unknown answer counts as "unsure".
 *   A follow-up question (rules: "after": the question it follows) is asked only when that question is
 *   not answered "no"; after a "no" it counts as "no", whatever it holds.
 *   tier: the most severe tier any answer leads to; reasons: the question ids that lead to it (for
 *   "suitable": the "local" questions answered yes); cautions: the "local" questions answered yes.
 *
 * On the page: a "yes" to a question whose tier is the most severe one (an emergency) shows that result
 * at once; a submit with questions left blank shows no result but says how many are left and moves the
 * focus to the first; the note for the therapist shows only beside the results in cautionShownFor.
 */
(function () {
  "use strict";

  function createEngine(rules) {
    var rank = {};
    rules.order.forEach(function (tier, i) { rank[tier] = i; });
    var best = rules.order[rules.order.length - 1];

    function asked(q, answers) {
      return !q.after || answers[q.after] !== "no";
    }

    function evaluate(answers) {
      answers = answers || {};
      var tier = best, reasons = [], cautions = [];
      rules.questions.forEach(function (q) {
        var answer = asked(q, answers) ? answers[q.id] : "no";
        var t = answer === "no" ? best : answer === "yes" ? q.yes : q.unsure;
        if (answer === "yes" && q.local) cautions.push(q.id);
        if (rank[t] < rank[tier]) { tier = t; reasons = []; }
        if (t === tier && t !== best) reasons.push(q.id);
      });
      return {
        tier: tier,
        localCaution: cautions.length > 0,
        reasons: tier === best ? cautions.slice() : reasons,
        cautions: cautions
      };
    }
    return { evaluate: evaluate, asked: asked };
  }

  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }

  function answersOf(form, rules) {
    var answers = {};
    rules.questions.forEach(function (q) {
      var checked = form.querySelector('input[name="' + q.id + '"]:checked');
      if (checked) answers[q.id] = checked.value;
    });
    return answers;
  }

  function labelFor(rules, engine, answers, id) {
    var q = rules.questions.filter(function (x) { return x.id === id; })[0];
    if (q && !engine.asked(q, answers)) return rules.labels.skipped;
    return rules.labels[answers[id] || "unanswered"];
  }

  function show(result, rules, engine, outcome, answers, concerns) {
    var reasons = outcome.tier === rules.order[rules.order.length - 1] ? [] : outcome.reasons;
    var caution = outcome.localCaution && rules.cautionShownFor.indexOf(outcome.tier) >= 0;
    result.setAttribute("data-tier", outcome.tier);
    result.setAttribute("data-local-caution", String(caution));
    each(result, "[data-tier-text]", function (el) {
      el.hidden = el.getAttribute("data-tier-text") !== outcome.tier;
    });
    each(result, "[data-reason]", function (el) {
      var id = el.getAttribute("data-reason");
      el.hidden = reasons.indexOf(id) < 0;
      el.querySelector("[data-answer-label]").textContent = labelFor(rules, engine, answers, id) + ":";
    });
    result.querySelector("[data-reasons]").hidden = reasons.length === 0;
    result.querySelector("[data-unanswered]").hidden = !reasons.some(function (id) { return !answers[id]; });
    each(result, "[data-caution-for]", function (el) {
      el.hidden = outcome.cautions.indexOf(el.getAttribute("data-caution-for")) < 0;
    });
    result.querySelector("[data-caution]").hidden = !caution;
    var when = rules.concernsShownFor[outcome.tier];
    each(result, "[data-concern]", function (el) {
      el.hidden = concerns.indexOf(el.getAttribute("data-concern")) < 0;
    });
    each(result, "[data-concerns-result] [data-when]", function (el) {
      el.hidden = el.getAttribute("data-when") !== when;
    });
    result.querySelector("[data-concerns-result]").hidden = !when || concerns.length === 0;
    each(result, "[data-answer-for]", function (el) {
      el.querySelector("[data-answer-label]").textContent =
        labelFor(rules, engine, answers, el.getAttribute("data-answer-for"));
    });
    result.querySelector("[data-checked-at]").textContent = new Date().toLocaleString(undefined, {
      dateStyle: "long", timeStyle: "short"
    });
    result.hidden = false;
  }

  function hide(result) {
    result.hidden = true;
    result.setAttribute("data-tier", "");
    result.setAttribute("data-local-caution", "false");
  }

  function setUp() {
    var form = document.getElementById("self-check");
    var result = document.getElementById("self-check-result");
    if (!form || !result || !form.hasAttribute("data-rules") || form.classList.contains("sc-enhanced")) {
      return;
    }
    var rules = JSON.parse(form.getAttribute("data-rules"));
    var engine = createEngine(rules);
    var article = form.parentNode;
    var missing = document.getElementById("self-check-missing");
    var stopAt = rules.order[0];
    window.selfCheck = { evaluate: engine.evaluate };

    form.classList.add("sc-enhanced");
    form.querySelector("[data-action=submit]").hidden = false;

    function fieldset(id) {
      return form.querySelector('fieldset[data-question="' + id + '"]');
    }

    // A follow-up shows only while the question it follows is answered "yes" or "not sure".
    function showFollowUps(answers) {
      rules.questions.forEach(function (q) {
        if (q.after) fieldset(q.id).hidden = !answers[q.after] || answers[q.after] === "no";
      });
    }

    // The questions a patient is asked and has left blank, in the order shown.
    function unanswered(answers) {
      return rules.questions.filter(function (q) {
        return !answers[q.id] && !fieldset(q.id).hidden;
      });
    }

    function markUnanswered(blank) {
      each(form, "fieldset[data-question]", function (el) {
        el.removeAttribute("aria-invalid");
        el.querySelector(".sc-error").hidden = true;
      });
      blank.forEach(function (q) {
        fieldset(q.id).setAttribute("aria-invalid", "true");
        fieldset(q.id).querySelector(".sc-error").hidden = false;
      });
      missing.querySelector("[data-missing-count]").textContent = String(blank.length);
      missing.hidden = blank.length === 0;
    }

    function concernsOf() {
      var concerns = [];
      each(form, 'input[name="concern"]:checked', function (el) { concerns.push(el.value); });
      return concerns;
    }

    function present(answers, moveFocus) {
      show(result, rules, engine, engine.evaluate(answers), answers, concernsOf());
      article.classList.add("sc-has-result");
      if (moveFocus) {
        // Focus without the browser's own scroll, then bring the headline to the top of the screen
        // (below the sticky header: the result's scroll-margin-top).
        result.focus({ preventScroll: true });
        result.scrollIntoView({ block: "start" });
      }
    }

    function clear() {
      if (!result.hidden) {
        hide(result);
        article.classList.remove("sc-has-result");
      }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = answersOf(form, rules);
      var blank = unanswered(answers);
      markUnanswered(blank);
      if (blank.length) {
        clear();
        var first = fieldset(blank[0].id).querySelector("input");
        first.focus();
        first.scrollIntoView({ block: "center" });
        return;
      }
      present(answers, true);
    });
    form.addEventListener("change", function (event) {
      var answers = answersOf(form, rules);
      showFollowUps(answers);
      if (!missing.hidden) markUnanswered(unanswered(answers));
      var target = event.target;
      var q = rules.questions.filter(function (x) { return x.id === target.name; })[0];
      if (q && q.yes === stopAt && target.value === "yes") {
        // An emergency answer needs no more questions: show what to do now, as NHS 111 online does.
        present(answers, true);
      } else if (!result.hidden && engine.evaluate(answers).tier === stopAt) {
        present(answers, false);  // still an emergency: keep it on screen, with the answers brought up to date
      } else {
        // A result must never outlive the answers it was worked out from.
        clear();
      }
    });
    result.addEventListener("click", function (event) {
      var action = event.target.closest && event.target.closest("[data-action]");
      if (!action) return;
      if (action.getAttribute("data-action") === "print") {
        window.print();
      } else {
        form.reset();
        hide(result);
        showFollowUps({});
        markUnanswered([]);
        article.classList.remove("sc-has-result");
        var first = form.querySelector("input");
        first.focus();
        first.scrollIntoView({ block: "center" });
      }
    });
    showFollowUps(answersOf(form, rules));
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { createEngine: createEngine };
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
