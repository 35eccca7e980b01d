/* Static quiz: grades answers in the browser with no kernel and no network.
   The rules match drugresist.quiz.bank.grade. Feedback text is pre-escaped HTML from the package. */
function drugresistQuiz(root) {
  if (!root || root.dataset.ready) { return; }
  root.dataset.ready = "1";
  var data = JSON.parse(root.querySelector(".drq-data").textContent);
  var state = {};
  var scoreValue = root.querySelector(".drq-score-value");
  function render(box, correct, messages) {
    var verdict = correct ? "\u2713 Correct." : "\u2717 Not quite.";
    box.className = "drq-feedback " + (correct ? "drq-correct" : "drq-incorrect");
    box.innerHTML = '<p><span class="drq-verdict">' + verdict + "</span> " + messages.join(" ") + "</p>";
    if (window.MathJax && window.MathJax.typesetPromise) { window.MathJax.typesetPromise([box]); }
  }
  function grade(q, item) {
    if (q.type === "numeric") {
      var raw = item.querySelector("input").value.trim().replace(",", ".");
      var value = Number(raw);
      if (raw === "" || !isFinite(value)) { return [false, ["Enter a number first."]]; }
      if (Math.abs(value - q.answer) <= q.tolerance + 1e-12) { return [true, [q.correct, q.explanation]]; }
      return [false, [value < q.answer ? q.too_low : q.too_high]];
    }
    var chosen = [];
    item.querySelectorAll("input").forEach(function (input) { if (input.checked) { chosen.push(Number(input.value)); } });
    if (chosen.length === 0) { return [false, [q.type === "single" ? "Choose an option first." : "Choose at least one option first."]]; }
    var messages = chosen.map(function (i) { return q.feedback[i]; });
    var missed = 0, allRight = true;
    q.correct.forEach(function (isCorrect, i) {
      var picked = chosen.indexOf(i) >= 0;
      if (isCorrect && !picked) { missed += 1; }
      if (isCorrect !== picked) { allRight = false; }
    });
    if (q.type === "multiple" && missed > 0) { messages.push("You missed " + missed + " correct option" + (missed > 1 ? "s" : "") + "."); }
    if (allRight) { messages.push(q.explanation); }
    return [allRight, messages];
  }
  root.querySelectorAll(".drq-question").forEach(function (item, index) {
    var q = data.questions[index];
    var box = item.querySelector(".drq-feedback");
    function check() {
      var result = grade(q, item);
      state[q.id] = result[0];
      render(box, result[0], result[1]);
      var score = 0;
      Object.keys(state).forEach(function (k) { if (state[k]) { score += 1; } });
      scoreValue.textContent = String(score);
    }
    item.querySelector(".drq-check").addEventListener("click", check);
    var numeric = item.querySelector('input[type="text"]');
    if (numeric) { numeric.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); check(); } }); }
  });
}
