/* Tooltips of "Drug Resistance in Cancer": settings for the tips that sphinx-tippy attaches to
   glossary terms, citations and cross-references (Tippy.js, served from _static, no CDN).
   sphinx-tippy creates the tips on window load; these defaults are set before that:
   - Escape hides a tip (Tippy's documented "hideOnEsc" plugin pattern);
   - a tip's copy of its target has no ids and is valid HTML (tidyContent);
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

  // A tip is a copy of its target's HTML: drop the copy's ids (an element of the same page would
  // have its id twice), and put a glossary term's <dt> and <dd> inside a <dl> (else axe reports
  // a serious "dlitem" violation while the tip shows).
  var tidyContent = {
    name: "tidyContent",
    defaultValue: true,
    fn: function (instance) {
      return {
        onCreate: function () {
          var html = instance.props.content;
          if (typeof html !== "string") return;
          html = html.replace(/\s(id|for)="[^"]*"/g, "");
          if (/^\s*<dt[\s>]/.test(html)) html = "<dl>" + html + "</dl>";
          if (html !== instance.props.content) instance.setContent(html);
        }
      };
    }
  };

  function configure() {
    if (!window.tippy || !window.tippy.setDefaultProps) return;
    window.tippy.setDefaultProps({
      plugins: [hideOnEsc, tidyContent],
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
