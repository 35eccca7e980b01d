/* Static quiz: grades answers in the browser with no kernel and no network.
   The rules match drugresist.quiz.bank.grade. Feedback text is pre-escaped HTML from the package.
   Answers are saved in the browser (localStorage), keyed by bank, question id and a hash of the
   question's content, so an edited question starts afresh while the others are restored. With
   storage unavailable (private mode, blocked cookies) everything works except remembering. */
window.drugresistStore = window.drugresistStore || (function () {
  var PREFIX = "drugresist-quiz:v1:";
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
    if (!s) { return {answers: {}}; }
    try {
      var record = JSON.parse(s.getItem(PREFIX + bank) || "null");
      if (record && typeof record === "object" && record.answers && typeof record.answers === "object") { return record; }
    } catch (e) { /* a corrupt record is treated as empty */ }
    return {answers: {}};
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
  function clearAll() {
    var s = storage();
    if (!s) { return; }
    banks().forEach(function (bank) { s.removeItem(PREFIX + bank); });
  }
  return {available: function () { return storage() !== null; }, load: load, save: save, banks: banks, clearAll: clearAll};
})();

function drugresistQuiz(root) {
  if (!root || root.dataset.ready) { return; }
  root.dataset.ready = "1";
  var data = JSON.parse(root.querySelector(".drq-data").textContent);
  var store = window.drugresistStore;
  var saved = store.load(data.bank);
  var state = {};
  var scoreValue = root.querySelector(".drq-score-value");
  function render(box, correct, messages) {
    var verdict = correct ? "\u2713 Correct." : "\u2717 Not quite.";
    box.className = "drq-feedback " + (correct ? "drq-correct" : "drq-incorrect");
    box.innerHTML = '<p><span class="drq-verdict">' + verdict + "</span> " + messages.join(" ") + "</p>";
    if (window.MathJax && window.MathJax.typesetPromise) { window.MathJax.typesetPromise([box]); }
  }
  function response(q, item) {
    if (q.type === "numeric") { return item.querySelector("input").value.trim(); }
    var chosen = [];
    item.querySelectorAll("input").forEach(function (input) { if (input.checked) { chosen.push(Number(input.value)); } });
    return chosen;
  }
  function restore(q, item, answer) {
    if (q.type === "numeric") { item.querySelector("input").value = String(answer); return; }
    item.querySelectorAll("input").forEach(function (input) { input.checked = answer.indexOf(Number(input.value)) >= 0; });
  }
  function grade(q, item) {
    if (q.type === "numeric") {
      var raw = item.querySelector("input").value.trim().replace(",", ".");
      var value = Number(raw);
      if (raw === "" || !isFinite(value)) { return [false, ["Enter a number first."], false]; }
      if (Math.abs(value - q.answer) <= q.tolerance + 1e-12) { return [true, [q.correct, q.explanation], true]; }
      return [false, [value < q.answer ? q.too_low : q.too_high], true];
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
  var known = {}, changed = false;
  root.querySelectorAll(".drq-question").forEach(function (item, index) {
    var q = data.questions[index];
    var box = item.querySelector(".drq-feedback");
    known[q.id] = true;
    function check() {
      var result = grade(q, item);
      render(box, result[0], result[1]);
      if (!result[2]) { return; }  // nothing answered yet: nothing to score or remember
      state[q.id] = result[0];
      updateScore();
      saved.answers[q.id] = {hash: q.hash, answer: response(q, item), correct: result[0], saved: new Date().toISOString()};
      store.save(data.bank, saved);
    }
    item.querySelector(".drq-check").addEventListener("click", check);
    var numeric = item.querySelector('input[type="text"]');
    if (numeric) { numeric.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); check(); } }); }
    var previous = saved.answers[q.id];
    if (previous && previous.hash === q.hash) {
      restore(q, item, previous.answer);
      var result = grade(q, item);
      render(box, result[0], result[1]);
      state[q.id] = result[0];
    } else if (previous) {  // the question was edited since: forget the old answer
      delete saved.answers[q.id];
      changed = true;
    }
  });
  Object.keys(saved.answers).forEach(function (id) { if (!known[id]) { delete saved.answers[id]; changed = true; } });
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
    if (window.confirm("Forget every saved quiz answer in this browser? This cannot be undone.")) {
      store.clearAll();
      draw();
      status.textContent = "Your saved answers have been deleted.";
    }
  });
  draw();
}
