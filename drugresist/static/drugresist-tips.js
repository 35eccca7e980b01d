/* Tooltips of "Drug Resistance in Cancer": settings for the tips that sphinx-tippy attaches to
   glossary terms, citations and cross-references (Tippy.js, served from _static, no CDN).
   sphinx-tippy creates the tips on window load; these defaults are set before that:
   - Escape hides a tip (Tippy's documented "hideOnEsc" plugin pattern);
   - math in a tip is typeset where the page has MathJax;
   - the tip is announced as the link's description (aria-describedby);
   - on a touch screen the first tap on a link shows its tip and the second tap follows the link
     (a tap would otherwise open the glossary or the bibliography before the tip could be read). */
(function () {
  "use strict";
  var hideOnEsc = {
    name: "hideOnEsc",
    defaultValue: true,
    fn: function (instance) {
      function onKeyDown(event) {
        if (event.key === "Escape" || event.keyCode === 27) instance.hide();
      }
      return {
        onShow: function () { document.addEventListener("keydown", onKeyDown); },
        onHide: function () { document.removeEventListener("keydown", onKeyDown); }
      };
    }
  };

  // Math in a tip (a definition with a formula) is typeset by the page's MathJax, where the page
  // has loaded it (pages without math of their own do not load it: the TeX source shows).
  var typesetMath = {
    name: "typesetMath",
    defaultValue: true,
    fn: function (instance) {
      return {
        onMount: function () {
          if (instance.typeset || !window.MathJax || !window.MathJax.typesetPromise) return;
          if (!instance.popper.querySelector(".math")) return;
          instance.typeset = true;
          window.MathJax.typesetPromise([instance.popper]).catch(function () { instance.typeset = false; });
        }
      };
    }
  };

  function configure() {
    if (!window.tippy || !window.tippy.setDefaultProps) return;
    window.tippy.setDefaultProps({
      plugins: [hideOnEsc, typesetMath],
      touch: true,
      theme: "drugresist",
      aria: { content: "describedby", expanded: false }
    });
  }

  // The first tap on a link with a tip shows the tip; a tap while it shows follows the link.
  var touchLink = null, shownBefore = false;
  document.addEventListener("pointerdown", function (event) {
    touchLink = null;
    if (event.pointerType !== "touch" || !event.target.closest) return;
    var link = event.target.closest("a[href]");
    if (link && link._tippy) {
      touchLink = link;
      shownBefore = link._tippy.state.isVisible;
    }
  }, true);
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || link !== touchLink || shownBefore) return;
    event.preventDefault();
    link._tippy.show();
  }, true);

  // This deferred script runs before tippy's (sphinx-tippy adds those per page, after it); every
  // deferred script has run by DOMContentLoaded, and sphinx-tippy creates its tips later, on load.
  if (window.tippy) configure(); else document.addEventListener("DOMContentLoaded", configure);
})();
