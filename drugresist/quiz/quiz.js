/* Static quiz: grades answers in the browser with no kernel and no network.
   The rules match drugresist.quiz.bank (parse_number, is_within, grade); the shared table
   tests/data/grading_cases.yaml is run against both. Feedback text is pre-escaped HTML from the package.
   Each learner sees the options in an order of their own, from a random learner seed made once and kept
   in localStorage (a fresh one per page load when storage is blocked); an option keeps its identity (its
   position in the bank's YAML), and saved answers name identities, so the order never affects grading
   or saved progress. Answers are saved keyed by bank, question id and a hash of the question's content,
   so an edited question starts afresh while the others are restored. A question with generated numbers
   carries its variants; "New numbers" moves to the next one, and the variant shown is saved too. */
window.drugresistStore = window.drugresistStore || (function () {
  var PREFIX = "drugresist-quiz:v1:", SEED = "drugresist-quiz-learner:v1", pageSeed = null;
  function storage() {
    try {
      var s = window.localStorage, probe = PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) { return null; }
  }
  function load(bank) {
    var s = storage();
    if (!s) { return {answers: {}, variants: {}}; }
    try {
      var record = JSON.parse(s.getItem(PREFIX + bank) || "null");
      if (record && typeof record === "object" && record.answers && typeof record.answers === "object") {
        if (!record.variants || typeof record.variants !== "object") { record.variants = {}; }
        return record;
      }
    } catch (e) { /* a corrupt record is treated as empty */ }
    return {answers: {}, variants: {}};
  }
  function save(bank, record) {
    var s = storage();
    if (!s) { return false; }
    try { s.setItem(PREFIX + bank, JSON.stringify(record)); return true; } catch (e) { return false; }
  }
  function banks() {
    var s = storage(), out = [];
    if (!s) { return out; }
    for (var i = 0; i < s.length; i++) {
      var key = s.key(i);
      if (key && key.indexOf(PREFIX) === 0 && key !== PREFIX + "probe") { out.push(key.slice(PREFIX.length)); }
    }
    return out.sort();
  }
  function clearAll() {  // a fresh start: answers, numbers and the learner's option orders
    var s = storage();
    if (!s) { return; }
    banks().forEach(function (bank) { s.removeItem(PREFIX + bank); });
    s.removeItem(SEED);
  }
  function fresh() {
    try { return String(window.crypto.getRandomValues(new Uint32Array(1))[0]); }
    catch (e) { return String(Math.floor(Math.random() * 4294967296)); }
  }
  function seed() {  // the learner seed: kept beside the progress, or one per page load
    var s = storage(), value = s && s.getItem(SEED);
    if (value && /^\d{1,10}$/.test(value)) { return value; }
    if (!s) { return pageSeed || (pageSeed = fresh()); }
    value = fresh();
    try { s.setItem(SEED, value); } catch (e) { /* remembered for this page only */ }
    return value;
  }
  return {available: function () { return storage() !== null; }, load: load, save: save, banks: banks,
          clearAll: clearAll, seed: seed};
})();

/* The one rule for reading a typed number: a line-by-line port of drugresist.quiz.bank.parse_number
   (CONTRIBUTING.md "Grading numeric answers"). Spaces around it are ignored; one leading +, - or the
   minus sign U+2212; ASCII digits; the decimal mark is "." or ","; thousands grouped by "," (then "."
   is the decimal mark: "1,000" is a thousand, "0,4" and "1,5" are decimals) or by spaces; an exponent
   e3 / E-3. Anything else (units, letters, 0x10, inf, nan, two signs, overflow) is not a number: null. */
function drugresistStrip(text) { return text.replace(/^[ \u00a0\u2009\u202f\t\n\r]+|[ \u00a0\u2009\u202f\t\n\r]+$/g, ""); }
function drugresistParseNumber(text) {
  if (typeof text === "number") { return isFinite(text) ? text : null; }
  if (typeof text !== "string") { return null; }
  var body = drugresistStrip(text), sign = "";
  if (!body) { return null; }
  if ("+-\u2212".indexOf(body.charAt(0)) >= 0) { sign = body.charAt(0) !== "+" ? "-" : ""; body = body.slice(1); }
  body = body.replace(/[\u00a0\u2009\u202f]/g, " ");
  var exponent = "([eE][+-]?[0-9]+)?$", forms = [  // tried in order; the first that matches decides
    [new RegExp("^([1-9][0-9]{0,2}(?:,[0-9]{3})+)(\\.[0-9]+)?" + exponent), ","],
    [new RegExp("^([1-9][0-9]{0,2}(?: [0-9]{3})+)([.,][0-9]+)?" + exponent), " "],
    [new RegExp("^([0-9]+)([.,][0-9]*)?" + exponent), ""],
    [new RegExp("^()([.,][0-9]+)" + exponent), ""]];
  for (var i = 0; i < forms.length; i++) {
    var m = forms[i][0].exec(body);
    if (m) {
      var whole = m[1], fraction = (m[2] || "").replace(",", "."), value;
      if (forms[i][1]) { whole = whole.split(forms[i][1]).join(""); }
      if (fraction === ".") { fraction = ""; }
      value = Number(sign + (whole || "0") + fraction + (m[3] || ""));
      return isFinite(value) ? value : null;
    }
  }
  return null;
}

/* The typed text without one trailing copy of the question's own unit ("53 %" is 53 when the unit is
   "%"): a port of drugresist.quiz.bank.without_unit. */
/* A port of bank.unit_spellings: the unit and, for a plural lower-case word unit, its singular. */
function drugresistUnitSpellings(unit) {
  return /^[a-z]+(?: [a-z]+)*[^s]s$/.test(unit) ? [unit, unit.slice(0, -1)] : [unit];
}

function drugresistWithoutUnit(text, unit) {
  if (!unit || typeof text !== "string") { return text; }
  var body = drugresistStrip(text), spellings = drugresistUnitSpellings(unit);
  for (var i = 0; i < spellings.length; i++) {
    var spelling = spellings[i];
    if (body.length > spelling.length && body.slice(-spelling.length) === spelling) {
      return body.slice(0, -spelling.length).replace(/[ \u00a0\u2009\u202f]+$/, "");
    }
  }
  return text;
}

/* Inclusive tolerance with a relative slack for floating point (a port of bank.is_within). */
function drugresistIsWithin(v, value) {
  var allowed = Math.max(v.tolerance || 0, (v.relative_tolerance || 0) * Math.abs(v.answer));
  return Math.abs(value - v.answer) <= allowed * (1 + 1e-9) + 1e-12;
}

function drugresistQuiz(root) {
  if (!root || root.dataset.ready) { return; }
  root.dataset.ready = "1";
  var data = JSON.parse(root.querySelector(".drq-data").textContent);
  var store = window.drugresistStore;
  var saved = store.load(data.bank);
  var seed = store.seed();
  var state = {};
  var scoreValue = root.querySelector(".drq-score-value");
  function hash32(text) {  // FNV-1a
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) { h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0; }
    return h;
  }
  function random(key) {  // mulberry32, seeded by (learner seed, bank id, question id, purpose)
    var a = hash32(seed + "\u0000" + data.bank + "\u0000" + key);
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function shuffle(q, item) {  // reorder the option labels in the DOM (so Tab and arrow keys follow)
    var labels = Array.prototype.slice.call(item.querySelectorAll(".drq-option"));
    if (labels.length < 2) { return; }
    var order = labels.map(function (_, i) { return i; });
    if (!q.fixed_order) {
      var next = random(q.id);
      for (var i = order.length - 1; i > 0; i--) {
        var j = Math.floor(next() * (i + 1)), t = order[i];
        order[i] = order[j]; order[j] = t;
      }
    }
    var after = labels[labels.length - 1].nextSibling, parent = labels[0].parentNode;
    order.forEach(function (identity, position) {
      var label = labels[identity];
      label.querySelector(".drq-letter").textContent = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".charAt(position) + ".";
      parent.insertBefore(label, after);
    });
    item.dataset.order = order.join(" ");
  }
  function typeset(element) {
    if (window.MathJax && window.MathJax.typesetPromise) { window.MathJax.typesetPromise([element]); }
  }
  function render(box, correct, messages) {
    var verdict = correct ? "\u2713 Correct." : "\u2717 Not quite.";
    box.className = "drq-feedback " + (correct ? "drq-correct" : "drq-incorrect");
    box.innerHTML = '<p><span class="drq-verdict">' + verdict + "</span> " + messages.join(" ") + "</p>";
    typeset(box);
  }
  function response(q, item) {
    if (q.type === "numeric") { return drugresistStrip(item.querySelector('input[type="text"]').value); }
    var chosen = [];
    item.querySelectorAll("input").forEach(function (input) { if (input.checked) { chosen.push(Number(input.value)); } });
    return chosen.sort(function (a, b) { return a - b; });
  }
  function valid(q, answer) {  // a saved answer this question can show (anything else is dropped)
    if (q.type === "numeric") { return typeof answer === "string" || typeof answer === "number"; }
    return Array.isArray(answer) && answer.every(function (i) { return i === Math.floor(i) && i >= 0 && i < q.correct.length; })
      && (q.type === "multiple" || answer.length === 1);
  }
  function restore(q, item, answer) {
    if (q.type === "numeric") { item.querySelector('input[type="text"]').value = String(answer); return; }
    item.querySelectorAll("input").forEach(function (input) { input.checked = answer.indexOf(Number(input.value)) >= 0; });
  }
  function grade(q, item) {
    if (q.type === "numeric") {
      var v = q.variants[item.variant], typed = response(q, item), value = drugresistParseNumber(drugresistWithoutUnit(typed, q.unit));
      if (!drugresistStrip(typed)) { return [false, ["Enter a number first."], false]; }
      if (value === null) { return [false, ["Type a plain number with digits, e.g. 12.5, 0,4 or 1 000 (no units or letters)."], false]; }
      if (drugresistIsWithin(v, value)) { return [true, [v.correct, v.explanation || q.explanation], true]; }
      return [false, [value < v.answer ? v.too_low : v.too_high], true];
    }
    var chosen = response(q, item);
    if (chosen.length === 0) { return [false, [q.type === "single" ? "Choose an option first." : "Choose at least one option first."], false]; }
    var messages = chosen.map(function (i) { return q.feedback[i]; });
    var missed = 0, allRight = true;
    q.correct.forEach(function (isCorrect, i) {
      var picked = chosen.indexOf(i) >= 0;
      if (isCorrect && !picked) { missed += 1; }
      if (isCorrect !== picked) { allRight = false; }
    });
    if (q.type === "multiple" && missed > 0) { messages.push("You missed " + missed + " correct option" + (missed > 1 ? "s" : "") + "."); }
    if (allRight) { messages.push(q.explanation); }
    return [allRight, messages, true];
  }
  function updateScore() {
    var score = 0;
    Object.keys(state).forEach(function (k) { if (state[k]) { score += 1; } });
    scoreValue.textContent = String(score);
  }
  function showVariant(q, item, index) {
    item.variant = index;
    item.dataset.variant = String(index);
    var v = q.variants[index], prompt = item.querySelector(".drq-prompt");
    if (v.prompt !== undefined && prompt.innerHTML !== v.prompt) { prompt.innerHTML = v.prompt; typeset(prompt); }
  }
  var known = {}, changed = false;
  root.querySelectorAll(".drq-question").forEach(function (item, index) {
    var q = data.questions[index];
    var box = item.querySelector(".drq-feedback");
    known[q.id] = true;
    if (q.type === "numeric") {
      var n = q.variants.length, kept = saved.variants[q.id];
      q.variants.forEach(function (v) { Object.keys(q.common || {}).forEach(function (k) { v[k] = q.common[k]; }); });
      if (kept && kept.hash === q.hash && kept.index >= 0 && kept.index < n) { showVariant(q, item, kept.index); }
      else {
        if (kept) { delete saved.variants[q.id]; changed = true; }
        showVariant(q, item, Math.floor(random(q.id + "\u0000variant")() * n));
      }
    } else {
      shuffle(q, item);
    }
    function check() {
      var result = grade(q, item);
      render(box, result[0], result[1]);
      if (!result[2]) { return; }  // nothing answered yet: nothing to score or remember
      state[q.id] = result[0];
      updateScore();
      saved.answers[q.id] = {hash: q.hash, answer: response(q, item), correct: result[0], saved: new Date().toISOString()};
      if (q.type === "numeric") { saved.answers[q.id].variant = item.variant; }
      store.save(data.bank, saved);
    }
    item.querySelector(".drq-check").addEventListener("click", check);
    var numeric = item.querySelector('input[type="text"]');
    if (numeric) { numeric.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); check(); } }); }
    var again = item.querySelector(".drq-new");
    if (again) {
      again.addEventListener("click", function () {  // the next variant, and this question starts afresh
        showVariant(q, item, (item.variant + 1) % q.variants.length);
        numeric.value = "";
        delete state[q.id];
        delete saved.answers[q.id];
        saved.variants[q.id] = {hash: q.hash, index: item.variant};
        store.save(data.bank, saved);
        updateScore();
        box.className = "drq-feedback";
        box.innerHTML = "<p>New numbers: read the question again.</p>";
      });
    }
    var previous = saved.answers[q.id];
    if (previous && previous.hash === q.hash && valid(q, previous.answer)
        && (q.type !== "numeric" || (previous.variant || 0) === item.variant)) {
      restore(q, item, previous.answer);
      var result = grade(q, item);
      render(box, result[0], result[1]);
      state[q.id] = result[0];
    } else if (previous) {  // edited since, or not readable: forget the old answer
      delete saved.answers[q.id];
      changed = true;
    }
  });
  Object.keys(saved.answers).forEach(function (id) { if (!known[id]) { delete saved.answers[id]; changed = true; } });
  Object.keys(saved.variants).forEach(function (id) { if (!known[id]) { delete saved.variants[id]; changed = true; } });
  if (changed) { store.save(data.bank, saved); }
  updateScore();
}

/* The "My progress" page: one row per chapter's quiz, from what this browser has saved. */
function drugresistProgress(root) {
  if (!root || root.dataset.ready) { return; }
  root.dataset.ready = "1";
  var data = JSON.parse(root.querySelector(".drq-progress-data").textContent);
  var store = window.drugresistStore;
  var body = root.querySelector("tbody");
  var totals = root.querySelector(".drq-progress-total");
  var status = root.querySelector(".drq-progress-status");
  function current(bank) {
    var answers = store.load(bank.bank).answers, answered = 0, correct = 0, rows = [];
    bank.questions.forEach(function (q) {
      var a = answers[q.id];
      if (a && a.hash === q.hash) {
        answered += 1;
        if (a.correct) { correct += 1; }
        rows.push([q.id, a.correct ? "correct" : "not yet correct", Array.isArray(a.answer) ? a.answer.join(" ") : String(a.answer), a.saved || ""]);
      }
    });
    return {answered: answered, correct: correct, rows: rows};
  }
  function cell(row, text, href) {
    var td = document.createElement("td");
    if (href) { var a = document.createElement("a"); a.href = href; a.textContent = text; td.appendChild(a); }
    else { td.textContent = text; }
    row.appendChild(td);
  }
  function draw() {
    body.textContent = "";
    var allQ = 0, allA = 0, allC = 0;
    data.banks.forEach(function (bank) {
      var c = current(bank), row = document.createElement("tr");
      row.setAttribute("data-bank", bank.bank);
      cell(row, bank.title, bank.href);
      cell(row, String(bank.questions.length));
      cell(row, String(c.answered));
      cell(row, String(c.correct));
      body.appendChild(row);
      allQ += bank.questions.length; allA += c.answered; allC += c.correct;
    });
    totals.textContent = "In all: " + allA + " of " + allQ + " questions answered, " + allC + " correct.";
    status.textContent = store.available() ? "" :
      "This browser is not letting the book save anything (a private window, or storage blocked), so no progress can be shown. The quizzes still work; their answers are just not remembered.";
  }
  function csv(value) { return '"' + String(value).replace(/"/g, '""') + '"'; }
  root.querySelector(".drq-progress-download").addEventListener("click", function () {
    var lines = [["chapter", "question_id", "result", "answer", "saved_at"].join(",")];
    data.banks.forEach(function (bank) {
      current(bank).rows.forEach(function (r) { lines.push([bank.bank].concat(r).map(csv).join(",")); });
    });
    var blob = new Blob([lines.join("\n") + "\n"], {type: "text/csv"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "drug-resistance-course-progress.csv";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  });
  root.querySelector(".drq-progress-reset").addEventListener("click", function () {
    if (window.confirm("Forget every saved quiz answer in this browser? The options will also be shown in a new order. This cannot be undone.")) {
      store.clearAll();
      draw();
      status.textContent = "Your saved answers have been deleted.";
    }
  });
  draw();
}
