/* Display equations wider than their column scroll sideways. Give each such equation a tab stop
   so that a keyboard user can reach and scroll it (MathJax's own menu, which made every equation
   focusable, is not loaded: see drugresist.sphinx_plugin.MATHJAX_COMPONENTS). Loaded only on
   pages with math, after MathJax. */
(function () {
  "use strict";
  function updateTabStops() {
    document.querySelectorAll('mjx-container[display="true"]').forEach(function (math) {
      var overflows = math.scrollWidth > math.clientWidth + 1;
      if (overflows && !math.hasAttribute("tabindex")) {
        math.setAttribute("tabindex", "0");
        math.dataset.drugresistTabStop = "1";
      } else if (!overflows && math.dataset.drugresistTabStop) {
        math.removeAttribute("tabindex");
        delete math.dataset.drugresistTabStop;
      }
    });
  }
  if (window.MathJax && window.MathJax.startup && window.MathJax.startup.promise) {
    window.MathJax.startup.promise.then(updateTabStops);
    window.addEventListener("resize", updateTabStops);
  }
})();
