/* Static explorers of "Drug Resistance in Cancer": range sliders redraw a figure from numbers
   computed at build time by the course's Python model (drugresist.explorer / drugresist.scene).
   No kernel, no network. One script for every explorer on a page; each explorer's data is in its
   <script type="application/octet-stream" class="drugresist-explorer-data" data-encoding="gzip+base64">:
   gzip-compressed JSON in base64, format version FORMAT_VERSION below. The format is described
   once, in the docstring of drugresist/scene.py ("Static explorer data"); tests/test_explorer_format.py
   runs this file's decoder (node) on data the Python encoder wrote. */
(function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var FORMAT_VERSION = 2;           // drugresist.scene.FORMAT_VERSION
  var DATA_KEYS = ["x", "y", "xy", "s", "cells", "extent"];  // drugresist.scene.DATA_KEYS
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var LEVELS = 64 * 64 - 1;
  var CODE = {};
  for (var c = 0; c < DIGITS.length; c++) CODE[DIGITS.charAt(c)] = c;

  function decode(a) {            // [lo, hi, log, text] -> array of numbers (NaN = gap)
    var lo = a[0], hi = a[1], log = a[2], t = a[3], out = new Array(t.length / 2);
    for (var i = 0, j = 0; i < t.length; i += 2, j++) {
      var code = CODE[t.charAt(i)] * 64 + CODE[t.charAt(i + 1)];
      if (code === LEVELS) { out[j] = NaN; continue; }
      var v = lo + code / (LEVELS - 1) * (hi - lo);
      out[j] = log ? Math.pow(10, v) : v;
    }
    return out;
  }

  function resolve(d, index) {     // state index read back as drugresist.scene.resolve does
    var state = d.states[index];
    function item(i) {
      var raw = d.items[i], out = {}, key;
      if (raw.k !== undefined) { var style = d.styles[raw.k]; for (key in style) out[key] = style[key]; }
      for (key in raw) if (key !== "k") out[key] = raw[key];
      ["x", "y"].forEach(function (k) {
        if (typeof out[k] === "number") out[k] = decode(d.arrays[out[k]]).map(function (v) { return isNaN(v) ? null : v; });
      });
      if (out.s !== undefined) out.s = d.sentences[out.s];
      if (out.cells !== undefined) out.cells = d.arrays[out.cells];
      return out;
    }
    return { size: d.sizes[state[0]], axes: d.lists[state[1]].map(item), items: d.lists[state[2]].map(item),
      legends: d.lists[state[3]].map(item), alt: d.lists[state[4]].map(function (s) { return d.sentences[s]; }).join(" ") };
  }

  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function f(v) { return (Math.round(v * 100) / 100).toString(); }

  function scaler(axis, start, length, flip) {
    var log = axis.log, lo = axis.lim[0], hi = axis.lim[1];
    var tl = log ? Math.log10(lo) : lo, th = log ? Math.log10(hi) : hi, span = (th - tl) || 1;
    return function (v) {
      var t = log ? (v > 0 ? Math.log10(v) : NaN) : v;
      var u = (t - tl) / span;
      return flip ? start + length - u * length : start + u * length;
    };
  }

  function load(root) {            // the data: gzip-compressed JSON in base64 (see drugresist.explorer)
    var node = root.querySelector(".drugresist-explorer-data"), text = node.textContent.trim();
    if (node.getAttribute("data-encoding") !== "gzip+base64") return Promise.resolve(JSON.parse(text));
    var binary = atob(text), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  function Explorer(root, data) {
    this.root = root; this.data = data; this.cache = {};
    this.inputs = Array.prototype.slice.call(root.querySelectorAll("input[type=range]"));
    this.outputs = Array.prototype.slice.call(root.querySelectorAll("output"));
    this.plot = root.querySelector(".drugresist-explorer-plot");
    this.legend = root.querySelector(".drugresist-explorer-legend");
    this.alt = root.querySelector(".drugresist-explorer-alt");
    var self = this;
    this.inputs.forEach(function (input, k) {
      input.addEventListener("input", function () { self.update(k); });
    });
    this.draw();
  }

  Explorer.prototype.array = function (id) {
    var a = this.cache[id];
    if (!a) { a = this.cache[id] = decode(this.data.arrays[id]); }
    return a;
  };

  Explorer.prototype.stateIndex = function () {
    var index = 0, sliders = this.data.sliders;
    for (var k = 0; k < sliders.length; k++) index = index * sliders[k].values.length + Number(this.inputs[k].value);
    return index;
  };

  Explorer.prototype.update = function (k) {
    var start = performance.now();
    var spec = this.data.sliders[k], input = this.inputs[k], text = spec.text[Number(input.value)];
    input.setAttribute("aria-valuetext", text);
    if (this.outputs[k]) this.outputs[k].textContent = text;
    this.draw();
    var ms = performance.now() - start;
    this.root.setAttribute("data-redraw-ms", ms.toFixed(2));
    this.root.setAttribute("data-drawn-at", performance.now().toFixed(2));
  };

  Explorer.prototype.draw = function () {
    var d = this.data, state = d.states[this.stateIndex()], size = d.sizes[state[0]];
    var self = this, uid = this.root.id, parts = [], axes = d.lists[state[1]].map(function (i) { return d.items[i]; });
    parts.push('<svg xmlns="' + SVGNS + '" viewBox="0 0 ' + size[0] + " " + size[1] + '" width="100%" ' +
      'preserveAspectRatio="xMidYMid meet" aria-hidden="true" focusable="false" class="drugresist-explorer-svg" ' +
      'font-family="DejaVu Sans, Verdana, Arial, sans-serif"><rect width="100%" height="100%" fill="#fff"/><defs>');
    var maps = axes.map(function (ax, i) {
      var b = ax.box;
      parts.push('<clipPath id="' + uid + "-c" + i + '"><rect x="' + f(b[0]) + '" y="' + f(b[1]) + '" width="' + f(b[2]) +
        '" height="' + f(b[3]) + '"/></clipPath>');
      return { X: scaler(ax.x, b[0], b[2], false), Y: scaler(ax.y, b[1], b[3], true), box: b };
    });
    parts.push("</defs>");
    axes.forEach(function (ax, i) { self.axesBack(parts, ax, maps[i], uid + "-c" + i); });
    d.lists[state[2]].forEach(function (id) {
      var item = d.items[id], style = d.styles[item.k];
      self.item(parts, style, item, maps[style.ax], uid + "-c" + style.ax);
    });
    axes.forEach(function (ax, i) { self.axesFront(parts, ax, maps[i]); });
    parts.push("</svg>");
    this.plot.innerHTML = parts.join("");
    var seen = {}, rows = [];
    d.lists[state[3]].forEach(function (id) {
      d.items[id].entries.forEach(function (e) {
        var key = e.label + e.color;
        if (seen[key]) return;
        seen[key] = true;
        rows.push("<li>" + swatch(e) + "<span>" + esc(e.label) + "</span></li>");
      });
    });
    this.legend.innerHTML = rows.join("");
    this.legend.hidden = rows.length === 0;
    var alt = d.lists[state[4]].map(function (s) { return d.sentences[s]; }).join(" ");
    if (this.alt.textContent !== alt) this.alt.textContent = alt;
  };

  function swatch(e) {
    var s = '<svg class="drugresist-swatch" viewBox="0 0 28 12" width="28" height="12" aria-hidden="true" focusable="false">';
    if (e.kind === "patch") {
      s += '<rect x="1" y="1" width="26" height="10" fill="' + e.color + '" fill-opacity="' + (e.alpha || 1) + '"/>';
    } else {
      if (e.lw > 0) s += '<line x1="1" y1="6" x2="27" y2="6" stroke="' + e.color + '" stroke-width="' + Math.min(e.lw, 3) + '"' +
        (e.dash ? ' stroke-dasharray="' + e.dash.join(" ") + '"' : "") + "/>";
      if (e.marker) s += marker(e.marker, 14, 6, 7, e.color);
    }
    return s + "</svg>";
  }

  function marker(kind, x, y, ms, colour) {
    var r = ms / 2;
    if (kind === "s") return '<rect x="' + f(x - r) + '" y="' + f(y - r) + '" width="' + f(ms) + '" height="' + f(ms) + '" fill="' + colour + '"/>';
    if (kind === "^") return '<path d="M' + f(x) + " " + f(y - r) + "L" + f(x + r) + " " + f(y + r) + "L" + f(x - r) + " " + f(y + r) + 'Z" fill="' + colour + '"/>';
    if (kind === "D" || kind === "d") return '<path d="M' + f(x) + " " + f(y - r) + "L" + f(x + r) + " " + f(y) + "L" + f(x) + " " + f(y + r) + "L" + f(x - r) + " " + f(y) + 'Z" fill="' + colour + '"/>';
    return '<circle cx="' + f(x) + '" cy="' + f(y) + '" r="' + f(r) + '" fill="' + colour + '"/>';
  }

  Explorer.prototype.axesBack = function (parts, ax, m, clip) {
    var b = m.box;
    if (ax.colorbar) {
      var lut = ax.colorbar.lut, n = lut.length, h = b[3] / n;
      for (var i = 0; i < n; i++) {
        parts.push('<rect x="' + f(b[0]) + '" y="' + f(b[1] + b[3] - (i + 1) * h) + '" width="' + f(b[2]) + '" height="' + f(h + 0.3) + '" fill="' + lut[i] + '"/>');
      }
    }
    if (ax.x.grid) ax.x.ticks.forEach(function (t) {
      var x = m.X(t[0]);
      parts.push('<line x1="' + f(x) + '" y1="' + f(b[1]) + '" x2="' + f(x) + '" y2="' + f(b[1] + b[3]) + '" stroke="#b0b0b0" stroke-opacity="0.3" stroke-width="0.8"/>');
    });
    if (ax.y.grid) ax.y.ticks.forEach(function (t) {
      var y = m.Y(t[0]);
      parts.push('<line x1="' + f(b[0]) + '" y1="' + f(y) + '" x2="' + f(b[0] + b[2]) + '" y2="' + f(y) + '" stroke="#b0b0b0" stroke-opacity="0.3" stroke-width="0.8"/>');
    });
  };

  Explorer.prototype.axesFront = function (parts, ax, m) {
    var b = m.box, fs = ax.tickfont || 10, lf = ax.font || 11, sp = {};
    ax.spines.forEach(function (s) { sp[s] = true; });
    var edge = { left: [b[0], b[1], b[0], b[1] + b[3]], right: [b[0] + b[2], b[1], b[0] + b[2], b[1] + b[3]],
      top: [b[0], b[1], b[0] + b[2], b[1]], bottom: [b[0], b[1] + b[3], b[0] + b[2], b[1] + b[3]] };
    Object.keys(sp).forEach(function (s) {
      var e = edge[s];
      if (e) parts.push('<line x1="' + f(e[0]) + '" y1="' + f(e[1]) + '" x2="' + f(e[2]) + '" y2="' + f(e[3]) + '" stroke="#000" stroke-width="0.8"/>');
    });
    var xBottom = ax.x.side !== "top", yLeft = ax.y.side !== "right";
    var y0 = xBottom ? b[1] + b[3] : b[1];
    ax.x.ticks.forEach(function (t) {
      var x = m.X(t[0]);
      parts.push('<line x1="' + f(x) + '" y1="' + f(y0) + '" x2="' + f(x) + '" y2="' + f(y0 + (xBottom ? 3.5 : -3.5)) + '" stroke="#000" stroke-width="0.8"/>');
      if (t[1]) parts.push('<text x="' + f(x) + '" y="' + f(xBottom ? y0 + 5.5 + fs * 0.8 : y0 - 5.5) + '" font-size="' + fs + '" text-anchor="middle">' + esc(t[1]) + "</text>");
    });
    var x0 = yLeft ? b[0] : b[0] + b[2], widest = 0;
    ax.y.ticks.forEach(function (t) {
      var y = m.Y(t[0]);
      widest = Math.max(widest, String(t[1]).length);
      parts.push('<line x1="' + f(x0) + '" y1="' + f(y) + '" x2="' + f(x0 + (yLeft ? -3.5 : 3.5)) + '" y2="' + f(y) + '" stroke="#000" stroke-width="0.8"/>');
      if (t[1]) parts.push('<text x="' + f(yLeft ? x0 - 5.5 : x0 + 5.5) + '" y="' + f(y + fs * 0.35) + '" font-size="' + fs + '" text-anchor="' + (yLeft ? "end" : "start") + '">' + esc(t[1]) + "</text>");
    });
    if (ax.x.label) {
      var ly = xBottom ? y0 + 5.5 + fs + 4 + lf * 0.8 : y0 - 5.5 - fs - 4;
      parts.push('<text x="' + f(b[0] + b[2] / 2) + '" y="' + f(ly) + '" font-size="' + lf + '" text-anchor="middle">' + esc(ax.x.label) + "</text>");
    }
    if (ax.y.label) {
      var off = 5.5 + widest * fs * 0.6 + 4;
      var lx = yLeft ? x0 - off - lf * 0.2 : x0 + off + lf * 0.8;
      var cy = b[1] + b[3] / 2;
      parts.push('<text x="' + f(lx) + '" y="' + f(cy) + '" font-size="' + lf + '" text-anchor="middle" transform="rotate(-90 ' + f(lx) + " " + f(cy) + ')">' + esc(ax.y.label) + "</text>");
    }
  };

  Explorer.prototype.mapper = function (style, m) {
    var b = m.box, cs = style.cs || "dd";
    var X = cs.charAt(0) === "d" ? m.X : cs.charAt(0) === "a" ? function (v) { return b[0] + v * b[2]; } : function (v) { return v; };
    var Y = cs.charAt(1) === "d" ? m.Y : cs.charAt(1) === "a" ? function (v) { return b[1] + b[3] - v * b[3]; } : function (v) { return v; };
    return [X, Y];
  };

  Explorer.prototype.item = function (parts, style, item, m, clip) {
    var d = this.data;
    if (style.type === "text") { parts.push(text(style, item.xy, d.sentences[item.s])); return; }
    if (!m) return;
    var xy = this.mapper(style, m), X = xy[0], Y = xy[1];
    if (style.type === "image") {
      var e = item.extent, cells = d.arrays[item.cells], rows = style.shape[0], cols = style.shape[1];
      var dx = (e[1] - e[0]) / cols, dy = (e[3] - e[2]) / rows, out = ['<g clip-path="url(#' + clip + ')">'];
      for (var r = 0; r < rows; r++) {
        var row = style.origin === "lower" ? r : rows - 1 - r;
        var ya = Y(e[2] + row * dy), yb = Y(e[2] + (row + 1) * dy);
        for (var k = 0; k < cols; k++) {
          var ch = cells.charAt(r * cols + k);
          if (ch === ".") continue;
          var xa = X(e[0] + k * dx), xb = X(e[0] + (k + 1) * dx);
          out.push('<rect x="' + f(Math.min(xa, xb)) + '" y="' + f(Math.min(ya, yb)) + '" width="' + f(Math.abs(xb - xa) + 0.4) +
            '" height="' + f(Math.abs(yb - ya) + 0.4) + '" fill="' + style.lut[CODE[ch]] + '"/>');
        }
      }
      parts.push(out.join("") + "</g>");
      return;
    }
    var xs = this.array(item.x), ys = this.array(item.y), path = [], pen = false, pts = [];
    for (var i = 0; i < xs.length; i++) {
      var px = X(xs[i]), py = Y(ys[i]);
      if (!isFinite(px) || !isFinite(py)) { if (pen && style.type === "area") path.push("Z"); pen = false; continue; }
      path.push((pen ? "L" : "M") + f(px) + " " + f(py));
      pts.push([px, py]);
      pen = true;
    }
    if (!path.length) return;
    var g = '<g clip-path="url(#' + clip + ')"' + (style.alpha < 1 ? ' opacity="' + style.alpha + '"' : "") + ">";
    if (style.type === "area") {
      parts.push(g + '<path d="' + path.join("") + 'Z" fill="' + style.color + '" stroke="none"/></g>');
      return;
    }
    var s = g;
    if (style.lw > 0) s += '<path d="' + path.join("") + '" fill="none" stroke="' + style.color + '" stroke-width="' + style.lw + '"' +
      (style.dash ? ' stroke-dasharray="' + style.dash.join(" ") + '"' : "") + ' stroke-linejoin="round"/>';
    if (style.marker) pts.forEach(function (p) { s += marker(style.marker, p[0], p[1], style.ms || 6, style.color); });
    parts.push(s + "</g>");
  };

  function text(style, xy, s) {
    var anchor = { left: "start", center: "middle", right: "end" }[style.ha] || "start";
    var lines = String(s).split("\n"), size = style.size, lead = size * 1.2;
    var shift = style.va === "top" ? size * 0.8 : style.va === "center" || style.va === "center_baseline" ? size * 0.35 - (lines.length - 1) * lead / 2
      : style.va === "bottom" ? -size * 0.2 - (lines.length - 1) * lead : -(lines.length - 1) * lead;
    var x = xy[0], y = xy[1];
    var out = '<text x="' + f(x) + '" y="' + f(y + shift) + '" font-size="' + size + '" fill="' + style.color + '" text-anchor="' + anchor + '"' +
      (style.weight === "bold" ? ' font-weight="bold"' : "") + (style.rot ? ' transform="rotate(' + f(-style.rot) + " " + f(x) + " " + f(y) + ')"' : "") + ">";
    lines.forEach(function (line, i) { out += '<tspan x="' + f(x) + '"' + (i ? ' dy="' + f(lead) + '"' : "") + ">" + esc(line) + "</tspan>"; });
    return out + "</text>";
  }

  function start() {
    document.querySelectorAll(".drugresist-explorer").forEach(function (root) {
      if (root.drugresistStarted || !root.querySelector(".drugresist-explorer-data")) return;
      root.drugresistStarted = true;
      if (typeof DecompressionStream === "undefined") {
        root.querySelector(".drugresist-explorer-plot").textContent =
          "This browser cannot draw the explorer (it needs DecompressionStream); the description below still follows the default settings.";
        return;
      }
      load(root).then(function (data) {
        if (data.version !== FORMAT_VERSION) {
          root.querySelector(".drugresist-explorer-plot").textContent =
            "This page's explorer data (format " + data.version + ") does not match its script (format " + FORMAT_VERSION + ").";
          return;
        }
        root.drugresistExplorer = new Explorer(root, data);
        root.setAttribute("data-ready", "true");
      });
    });
  }
  if (typeof module !== "undefined" && module.exports) {   // node (the decoder tests): no page to start
    module.exports = { FORMAT_VERSION: FORMAT_VERSION, DIGITS: DIGITS, LEVELS: LEVELS, DATA_KEYS: DATA_KEYS,
      decode: decode, resolve: resolve };
  } else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
