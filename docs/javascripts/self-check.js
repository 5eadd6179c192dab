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
 *   tier: the most severe tier any answer leads to; reasons: the question ids that lead to it (for
 *   "suitable": the "local" questions answered yes); cautions: the "local" questions answered yes.
 */
(function () {
  "use strict";

  function createEngine(rules) {
    var rank = {};
    rules.order.forEach(function (tier, i) { rank[tier] = i; });
    var best = rules.order[rules.order.length - 1];

    function evaluate(answers) {
      answers = answers || {};
      var tier = best, reasons = [], cautions = [];
      rules.questions.forEach(function (q) {
        var answer = answers[q.id];
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
    return { evaluate: evaluate };
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

  function labelFor(rules, answers, id) {
    return rules.labels[answers[id] || "unanswered"];
  }

  function show(result, rules, outcome, answers, concerns) {
    var reasons = outcome.tier === rules.order[rules.order.length - 1] ? [] : outcome.reasons;
    result.setAttribute("data-tier", outcome.tier);
    result.setAttribute("data-local-caution", String(outcome.localCaution));
    each(result, "[data-tier-text]", function (el) {
      el.hidden = el.getAttribute("data-tier-text") !== outcome.tier;
    });
    each(result, "[data-reason]", function (el) {
      var id = el.getAttribute("data-reason");
      el.hidden = reasons.indexOf(id) < 0;
      el.querySelector("[data-answer-label]").textContent = labelFor(rules, answers, id) + ":";
    });
    result.querySelector("[data-reasons]").hidden = reasons.length === 0;
    result.querySelector("[data-unanswered]").hidden = !reasons.some(function (id) { return !answers[id]; });
    each(result, "[data-caution-for]", function (el) {
      el.hidden = outcome.cautions.indexOf(el.getAttribute("data-caution-for")) < 0;
    });
    result.querySelector("[data-caution]").hidden = !outcome.localCaution;
    var when = rules.concernsShownFor[outcome.tier];
    each(result, "[data-concern]", function (el) {
      el.hidden = concerns.indexOf(el.getAttribute("data-concern")) < 0;
    });
    each(result, "[data-concerns-result] [data-when]", function (el) {
      el.hidden = el.getAttribute("data-when") !== when;
    });
    result.querySelector("[data-concerns-result]").hidden = !when || concerns.length === 0;
    each(result, "[data-answer-for]", function (el) {
      el.querySelector("[data-answer-label]").textContent = labelFor(rules, answers, el.getAttribute("data-answer-for"));
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
    window.selfCheck = { evaluate: engine.evaluate };

    form.classList.add("sc-enhanced");
    form.querySelector('button[type="submit"]').hidden = false;

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = answersOf(form, rules);
      var concerns = [];
      each(form, 'input[name="concern"]:checked', function (el) { concerns.push(el.value); });
      show(result, rules, engine.evaluate(answers), answers, concerns);
      article.classList.add("sc-has-result");
      result.focus();
    });
    // A result must never outlive the answers it was worked out from.
    form.addEventListener("change", function () {
      if (!result.hidden) {
        hide(result);
        article.classList.remove("sc-has-result");
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
        article.classList.remove("sc-has-result");
        var first = form.querySelector("input");
        first.focus();
        first.scrollIntoView({ block: "center" });
      }
    });
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { createEngine: createEngine };
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
