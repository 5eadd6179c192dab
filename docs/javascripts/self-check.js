/* Self-check "Is back massage right for me now?"
 *
 * Runs only on the patient's device: it reads the rule table the build embedded in the page (the
 * form's data-rules attribute, JSON), evaluates the answers and shows the result
 * texts the build rendered (hidden) into the page. It sends nothing, stores nothing and never changes
 * the address (a test checks it uses no API that could). No rule for any single question is written
 * here: every question's tier comes from the data.
 *
 * Test contract: window.selfCheck.evaluate(answers, concerns) ->
 *   {tier, localCaution, reasons, cautions, crisisLines}
 *   answers: {questionId: "yes" | "known" | "no" | "unsure" | a question's own answer}; a missing or
 *   unknown answer counts as "unsure". A follow-up question (rules: "after": the question it follows) is
 *   asked only when that question is not answered "no"; after a "no" it counts as "no", whatever it holds.
 *   A combination (rules.combinations) holds when each of its questions is answered with one of the
 *   answers it lists; it then counts like one more answer, with its own tier and reasons.
 *   tier: the most severe tier any answer or combination leads to; reasons: the ids that lead to it (for
 *   "suitable": the cautions); cautions: the "local" questions answered yes and the signs answered
 *   "known" (the therapist must hear of them); crisisLines: a concern in rules.crisisConcerns was ticked.
 *
 * On the page: a "yes" to a question whose tier is the most severe one (an emergency) shows that result
 * at once; a submit with questions left blank shows no result but says how many are left and moves the
 * focus to the first; the note for the therapist shows only beside the results in cautionShownFor; the
 * crisis lines show whatever the result.
 */
(function () {
  "use strict";

  function createEngine(rules) {
    var rank = {};
    rules.order.forEach(function (tier, i) { rank[tier] = i; });
    var best = rules.order[rules.order.length - 1];
    var byId = {};
    rules.questions.forEach(function (q) { byId[q.id] = q; });

    function asked(q, answers) {
      return !q.after || answers[q.after] !== "no";
    }

    // The answer that counts: "no" when the question is not asked, "unsure" when blank or unknown.
    function answerOf(q, answers) {
      if (!asked(q, answers)) return "no";
      var a = answers[q.id];
      return Object.prototype.hasOwnProperty.call(q.tiers, a) ? a : "unsure";
    }

    function evaluate(answers, concerns) {
      answers = answers || {};
      concerns = concerns || [];
      var tier = best, reasons = [], cautions = [];
      function count(t, ids) {
        if (rank[t] < rank[tier]) { tier = t; reasons = []; }
        if (t === tier && t !== best) {
          ids.forEach(function (id) { if (reasons.indexOf(id) < 0) reasons.push(id); });
        }
      }
      rules.questions.forEach(function (q) {
        var answer = answerOf(q, answers);
        if ((answer === "yes" && q.local) || answer === "known") cautions.push(q.id);
        count(q.tiers[answer], [q.id]);
      });
      rules.combinations.forEach(function (c) {
        var holds = Object.keys(c.when).every(function (id) {
          return byId[id] && c.when[id].indexOf(answerOf(byId[id], answers)) >= 0;
        });
        if (holds) count(c.tier, c.reasons);
      });
      return {
        tier: tier,
        localCaution: cautions.length > 0,
        reasons: tier === best ? cautions.slice() : reasons,
        cautions: cautions,
        crisisLines: concerns.some(function (id) { return rules.crisisConcerns.indexOf(id) >= 0; })
      };
    }
    // The question of an id, or undefined for a combination's id.
    function question(id) {
      return Object.prototype.hasOwnProperty.call(byId, id) ? byId[id] : undefined;
    }
    return { evaluate: evaluate, asked: asked, question: question };
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
    var q = engine.question(id);
    if (q && !engine.asked(q, answers)) return rules.labels.skipped;
    if (!q) return "";  // a combination: its words say which answers it joins
    var answer = answers[id] || "unanswered";
    var own = q.labels && Object.prototype.hasOwnProperty.call(q.labels, answer) ? q.labels[answer] : null;
    return own || rules.labels[answer] || rules.labels.unsure;
  }

  // The printout's list of answers, made once: an item a question, numbered and worded as the form
  // shows it (its number and words come from its legend, so the page does not hold them twice).
  function listQuestions(list) {
    if (list.children.length) return;
    each(document, "#self-check .sc-question", function (fieldset) {
      var item = document.createElement("li");
      item.value = parseInt(fieldset.querySelector(".sc-number").textContent, 10);
      item.setAttribute("data-answer-for", fieldset.id.slice("sc-q-".length));
      item.appendChild(fieldset.querySelector("[data-question-text]").cloneNode(true));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(document.createElement("strong")).setAttribute("data-answer-label", "");
      list.appendChild(item);
    });
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
      if (el.hidden || !engine.question(id)) return;
      var label = el.querySelector("[data-answer-label]");  // the patient's answer, in front
      if (!label) {
        label = el.insertBefore(document.createElement("strong"), el.firstChild);
        label.setAttribute("data-answer-label", "");
        label.after(" ");
      }
      label.textContent = labelFor(rules, engine, answers, id) + ":";
    });
    result.querySelector("[data-reasons]").hidden = reasons.length === 0;
    result.querySelector("[data-unanswered]").hidden = !reasons.some(function (id) {
      return !answers[id] && engine.question(id);
    });
    each(result, "[data-advice-for]", function (el) {
      el.hidden = reasons.indexOf(el.getAttribute("data-advice-for")) < 0;
    });
    result.querySelector("[data-crisis]").hidden = !outcome.crisisLines;
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
    // The printout lists the answers that are not "no" in full, the others by number in one line.
    listQuestions(result.querySelector("[data-answers]"));
    var noNumbers = [];
    each(result, "[data-answer-for]", function (el) {
      var id = el.getAttribute("data-answer-for");
      var q = engine.question(id);
      var answer = engine.asked(q, answers) ? answers[id] || "unanswered" : "skipped";
      el.setAttribute("data-answer", answer);
      if (answer === "no" || answer === "skipped") noNumbers.push(el.getAttribute("value"));
      el.querySelector("[data-answer-label]").textContent = labelFor(rules, engine, answers, id);
    });
    result.querySelector("[data-no-numbers]").textContent = noNumbers.join(", ");
    result.querySelector("[data-summary-no]").hidden = noNumbers.length === 0;
    // As the page's language writes a date in the clinic's country (data-locale: en-GB, ru-GB).
    var locale = document.getElementById("self-check").getAttribute("data-locale") || undefined;
    result.querySelector("[data-checked-at]").textContent = new Date().toLocaleString(locale, {
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
    var submit = form.querySelector("[data-action=submit]");
    var next = form.querySelector("[data-action=next]");
    var back = form.querySelector("[data-action=back]");
    var progress = form.querySelector("[data-progress]");
    var parts = Array.prototype.slice.call(form.querySelectorAll("[data-part]"));
    var current = 0;

    function fieldset(id) {
      return document.getElementById("sc-q-" + id);
    }

    function partOf(q) {
      return parts.indexOf(fieldset(q.id).closest("[data-part]"));
    }

    // One part at a time, with where the patient is: a short page on a phone. The no-JavaScript page
    // and the printed checklist show every part.
    function goTo(index, moveFocus) {
      current = index;
      parts.forEach(function (part, i) { part.hidden = i !== index; });
      progress.querySelector("[data-part-number]").textContent = String(index + 1);
      progress.querySelector("[data-part-count]").textContent = String(parts.length);
      progress.hidden = false;
      back.hidden = index === 0;
      next.hidden = index === parts.length - 1;
      submit.hidden = index !== parts.length - 1;
      if (moveFocus) {
        parts[index].focus({ preventScroll: true });
        progress.scrollIntoView({ block: "start" });
      }
    }

    // A follow-up shows only while the question it follows is answered "yes" or "not sure".
    function showFollowUps(answers) {
      rules.questions.forEach(function (q) {
        if (q.after) fieldset(q.id).hidden = !answers[q.after] || answers[q.after] === "no";
      });
    }

    // The questions a patient is asked and has left blank, in the order shown, up to the part on screen.
    function unanswered(answers) {
      return rules.questions.filter(function (q) {
        return !answers[q.id] && !fieldset(q.id).hidden && partOf(q) <= current;
      });
    }

    function focusFirst(blank) {
      var first = fieldset(blank[0].id).querySelector("input");
      first.focus();
      first.scrollIntoView({ block: "center" });
    }

    // A question left blank says so in its legend, so a screen reader reads it with the question.
    function markUnanswered(blank) {
      each(form, ".sc-question[aria-invalid]", function (el) {
        el.removeAttribute("aria-invalid");
        el.querySelector(".sc-error").remove();
      });
      blank.forEach(function (q) {
        var hint = document.createElement("span");
        hint.className = "sc-error";
        hint.textContent = " " + form.getAttribute("data-unanswered-hint");
        fieldset(q.id).setAttribute("aria-invalid", "true");
        fieldset(q.id).querySelector("legend").appendChild(hint);
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
        var concerns = concernsOf();
      show(result, rules, engine, engine.evaluate(answers, concerns), answers, concerns);
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
      if (current < parts.length - 1) {  // Enter in an earlier part: on to the next, as its button does
        next.click();
        return;
      }
      var answers = answersOf(form, rules);
      var blank = unanswered(answers);
      markUnanswered(blank);
      if (blank.length) {
        clear();
        goTo(partOf(blank[0]), false);
        markUnanswered(unanswered(answers));
        focusFirst(blank);
        return;
      }
      present(answers, true);
    });
    next.addEventListener("click", function () {
      var blank = unanswered(answersOf(form, rules));
      markUnanswered(blank);
      if (blank.length) {
        focusFirst(blank);
        return;
      }
      goTo(current + 1, true);
    });
    back.addEventListener("click", function () {
      markUnanswered([]);
      goTo(current - 1, true);
    });
    form.addEventListener("change", function (event) {
      var answers = answersOf(form, rules);
      showFollowUps(answers);
      if (!missing.hidden) markUnanswered(unanswered(answers));
      // An emergency needs no more questions: show what to do now, as NHS 111 online does. Blank
      // answers count as "no" here, so that only what the patient said can stop the form.
      var given = {};
      rules.questions.forEach(function (q) { given[q.id] = answers[q.id] || "no"; });
      if (engine.evaluate(given).tier === stopAt) {
        present(answers, result.hidden || result.getAttribute("data-tier") !== stopAt);
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
        goTo(0, false);
        article.classList.remove("sc-has-result");
        var first = form.querySelector("input");
        first.focus();
        first.scrollIntoView({ block: "center" });
      }
    });
    showFollowUps(answersOf(form, rules));
    goTo(0, false);
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { createEngine: createEngine };
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
