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
    var drawn = d.lists[state[2]].map(function (id) { return d.items[id]; });
    var width = this.plot.clientWidth;
    this.width = width;
    var lay = narrowWanted(axes, drawn, d, size, width) ? narrowLayout(axes, drawn, d, size, width) : null;
    this.root.setAttribute("data-layout", lay ? "narrow" : "wide");
    var viewSize = lay ? lay.size : size;
    parts.push('<svg xmlns="' + SVGNS + '" viewBox="0 0 ' + f(viewSize[0]) + " " + f(viewSize[1]) + '" width="100%" ' +
      'preserveAspectRatio="xMidYMid meet" aria-hidden="true" focusable="false" class="drugresist-explorer-svg" ' +
      'font-family="DejaVu Sans, Verdana, Arial, sans-serif"><rect width="100%" height="100%" fill="#fff"/><defs>');
    var maps = axes.map(function (ax, i) {
      var b = lay ? lay.boxes[i] : ax.box;
      parts.push('<clipPath id="' + uid + "-c" + i + '"><rect x="' + f(b[0]) + '" y="' + f(b[1]) + '" width="' + f(b[2]) +
        '" height="' + f(b[3]) + '"/></clipPath>');
      return { X: scaler(ax.x, b[0], b[2], false), Y: scaler(ax.y, b[1], b[3], true), box: b,
        P: lay ? lay.points[i] : null, fs: lay ? lay.fonts[i][0] : null, lf: lay ? lay.fonts[i][1] : null };
    });
    parts.push("</defs>");
    axes.forEach(function (ax, i) { self.axesBack(parts, ax, maps[i], uid + "-c" + i); });
    drawn.forEach(function (item, n) {
      var style = d.styles[item.k];
      if (lay && style.type === "text") {
        var t = lay.texts[n];
        parts.push(text(style, t.xy, t.s, t.size));
        return;
      }
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
    var b = m.box, fs = m.fs || ax.tickfont || 10, lf = m.lf || ax.font || 11, sp = {};
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
    var P = m.P, same = function (v) { return v; };
    var X = cs.charAt(0) === "d" ? m.X : cs.charAt(0) === "a" ? function (v) { return b[0] + v * b[2]; } : P ? P.x : same;
    var Y = cs.charAt(1) === "d" ? m.Y : cs.charAt(1) === "a" ? function (v) { return b[1] + b[3] - v * b[3]; } : P ? P.y : same;
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

  function text(style, xy, s, fontSize) {
    var anchor = { left: "start", center: "middle", right: "end" }[style.ha] || "start";
    var lines = String(s).split("\n"), size = fontSize || style.size, lead = size * 1.2;
    var shift = style.va === "top" ? size * 0.8 : style.va === "center" || style.va === "center_baseline" ? size * 0.35 - (lines.length - 1) * lead / 2
      : style.va === "bottom" ? -size * 0.2 - (lines.length - 1) * lead : -(lines.length - 1) * lead;
    var x = xy[0], y = xy[1];
    var out = '<text x="' + f(x) + '" y="' + f(y + shift) + '" font-size="' + size + '" fill="' + style.color + '" text-anchor="' + anchor + '"' +
      (style.weight === "bold" ? ' font-weight="bold"' : "") + (style.rot ? ' transform="rotate(' + f(-style.rot) + " " + f(x) + " " + f(y) + ')"' : "") + ">";
    lines.forEach(function (line, i) { out += '<tspan x="' + f(x) + '"' + (i ? ' dy="' + f(lead) + '"' : "") + ">" + esc(line) + "</tspan>"; });
    return out + "</text>";
  }


  /* ----- Narrow screens: one panel per row, text at least MIN_TEXT_PX ---------------------------
     The figure's numbers are in points for its desktop size (matplotlib's layout). Where the plot
     is narrower than NARROW_PX and that layout, scaled to fit, would make text smaller than
     MIN_TEXT_PX, each panel (with its twin axes and colour bar) gets its own row, as wide as the
     screen, in CSS pixels (1 SVG unit = 1 px), and every text is at least MIN_TEXT_PX. Desktop
     widths keep the desktop layout. */
  var NARROW_PX = 600, MIN_TEXT_PX = 10.5, TICK_PX = 11, LABEL_PX = 12;

  function smallestText(axes, drawn, d) {
    var least = Infinity;
    axes.forEach(function (ax) {
      if (ax.x.ticks.length || ax.y.ticks.length) least = Math.min(least, ax.tickfont || 10);
      if (ax.x.label || ax.y.label) least = Math.min(least, ax.font || 11);
    });
    drawn.forEach(function (item) {
      var style = d.styles[item.k];
      if (style.type === "text") least = Math.min(least, style.size);
    });
    return least;
  }

  function narrowWanted(axes, drawn, d, size, width) {
    if (!(width > 0) || width >= NARROW_PX || !axes.length) return false;
    return smallestText(axes, drawn, d) * width / size[0] < MIN_TEXT_PX;
  }

  var CHAR_EM = 0.6;                  // mean advance of a DejaVu Sans character, in font sizes

  function wrap(textValue, perLine, rotated) {   // break a text at spaces into lines of perLine characters
    if (rotated) return String(textValue);
    return String(textValue).split("\n").map(function (line) {
      if (line.length <= perLine) return line;
      var out = [], current = "";
      line.split(" ").forEach(function (word) {
        if (current && (current + " " + word).length > perLine) { out.push(current); current = word; }
        else current = current ? current + " " + word : word;
      });
      if (current) out.push(current);
      return out.join("\n");
    }).join("\n");
  }

  function near(a, b) {
    return Math.abs(a[0] - b[0]) < 2 && Math.abs(a[1] - b[1]) < 2 && Math.abs(a[2] - b[2]) < 2 && Math.abs(a[3] - b[3]) < 2;
  }

  function gap(b, x, y) {             // distance of a point from a box (0 inside)
    var dx = Math.max(b[0] - x, 0, x - b[0] - b[2]), dy = Math.max(b[1] - y, 0, y - b[1] - b[3]);
    return Math.sqrt(dx * dx + dy * dy);
  }

  function labelWidth(ticks, fs) {
    var widest = 0;
    ticks.forEach(function (t) { widest = Math.max(widest, String(t[1]).length); });
    return widest * fs * 0.6;
  }

  function narrowLayout(axes, drawn, d, size, width) {
    // panels: axes sharing a box (twins) form one; a colour bar joins the panel beside it
    var groups = [], of = [];
    axes.forEach(function (ax, i) {
      if (ax.colorbar) return;
      for (var g = 0; g < groups.length; g++) if (near(axes[groups[g].main].box, ax.box)) { groups[g].members.push(i); of[i] = g; return; }
      of[i] = groups.length;
      groups.push({ main: i, members: [i], bars: [], texts: [] });
    });
    if (!groups.length) return null;
    axes.forEach(function (ax, i) {
      if (!ax.colorbar) return;
      var c = ax.box, best = 0, bestGap = Infinity;
      groups.forEach(function (g, k) {
        var b = axes[g.main].box, dist = gap(b, c[0] + c[2] / 2, c[1] + c[3] / 2);
        if (dist < bestGap) { bestGap = dist; best = k; }
      });
      groups[best].bars.push(i); of[i] = best;
    });
    var order = groups.slice().sort(function (a, b) {
      var A = axes[a.main].box, B = axes[b.main].box;
      return Math.abs(A[1] - B[1]) > 20 ? A[1] - B[1] : A[0] - B[0];
    });
    var highest = Math.min.apply(null, groups.map(function (g) { return axes[g.main].box[1]; }));
    drawn.forEach(function (item, n) {
      var style = d.styles[item.k];
      if (style.type !== "text") return;
      // the figure's own title (centred on the figure, above every panel, not a panel's title)
      // goes with the first panel; any other text with the panel nearest to it
      var centred = Math.abs(item.xy[0] - size[0] / 2) < 5 && groups.every(function (g) {
        var b = axes[g.main].box;
        return Math.abs(item.xy[0] - b[0] - b[2] / 2) > 5;
      });
      if (centred && item.xy[1] < highest) { order[0].texts.push(n); return; }
      var best = 0, bestGap = Infinity;
      groups.forEach(function (g, k) {
        var dist = gap(axes[g.main].box, item.xy[0], item.xy[1]);
        if (dist < bestGap) { bestGap = dist; best = k; }
      });
      groups[best].texts.push(n);
    });

    var boxes = [], points = [], fonts = [], texts = [], top = 0;
    order.forEach(function (g) {
      var b = axes[g.main].box, fs = TICK_PX, lf = LABEL_PX;
      var k = Math.max(1, TICK_PX / (axes[g.main].tickfont || 10));
      var left = 8, right = 8, above = 8, below = 8;
      function side(ax, which) {     // room for an axis's tick labels and title beside the box
        var ticks = which === "x" ? ax.x.ticks : ax.y.ticks, label = which === "x" ? ax.x.label : ax.y.label;
        var room = ticks.length ? 3.5 + 5.5 + (which === "x" ? fs : labelWidth(ticks, fs)) : 0;
        return room + (label ? 4 + lf + 2 : 0) + 6;
      }
      g.members.forEach(function (i) {
        var ax = axes[i];
        if (ax.y.side === "right") right = Math.max(right, side(ax, "y")); else left = Math.max(left, side(ax, "y"));
        if (ax.x.side === "top") above = Math.max(above, side(ax, "x")); else below = Math.max(below, side(ax, "x"));
        right = Math.max(right, labelWidth(ax.x.ticks, fs) / 2 + 4);
      });
      g.bars.forEach(function (i) {
        var c = axes[i].box, from = Math.max(0, c[0] - b[0] - b[2]) * k;
        right = Math.max(right, from + Math.max(10, c[2] * k) + side(axes[i], "y"));
      });
      // texts (titles, notes) wrapped to the width; those above the box (titles, a figure's
      // title) stacked one under the other in their order, those below given room
      var wrapped = {}, stacked = [], stackHeight = 0, topAxis = 0;
      g.members.forEach(function (i) { if (axes[i].x.side === "top") topAxis = Math.max(topAxis, side(axes[i], "x")); });
      g.texts.forEach(function (n) {
        var item = drawn[n], style = d.styles[item.k], sz = Math.max(style.size, TICK_PX);
        var lines = wrap(d.sentences[item.s], Math.max(8, Math.floor((width - 8) / (sz * CHAR_EM))), style.rot);
        wrapped[n] = lines;
        var count = lines.split("\n").length, y = item.xy[1];
        if (y < b[1] && !style.rot) { stacked.push(n); stackHeight += sz + (count - 1) * sz * 1.2 + 4; }
        if (y > b[1] + b[3]) below = Math.max(below, (y - b[1] - b[3]) * k + sz * 0.4 + 4 + (style.va === "top" ? (count - 1) * sz * 1.2 : 0));
      });
      stacked.sort(function (a, c) { return drawn[a].xy[1] - drawn[c].xy[1]; });
      if (stacked.length) above = Math.max(above, stackHeight + 6 + topAxis);
      var w = Math.max(60, width - left - right), tallest = 0;
      g.members.forEach(function (i) { tallest = Math.max(tallest, String(axes[i].y.label || "").length * lf * CHAR_EM + 8); });
      var h = Math.max(140, tallest, Math.min(w * b[3] / b[2], w * 0.8));
      var nb = [left, top + above, w, h];
      function X(x) { return x < b[0] ? nb[0] - (b[0] - x) * k : x > b[0] + b[2] ? nb[0] + nb[2] + (x - b[0] - b[2]) * k : nb[0] + (x - b[0]) / b[2] * nb[2]; }
      function Y(y) { return y < b[1] ? nb[1] - (b[1] - y) * k : y > b[1] + b[3] ? nb[1] + nb[3] + (y - b[1] - b[3]) * k : nb[1] + (y - b[1]) / b[3] * nb[3]; }
      var P = { x: X, y: Y };
      g.members.forEach(function (i) { boxes[i] = nb; points[i] = P; fonts[i] = [fs, lf]; });
      g.bars.forEach(function (i) {
        var c = axes[i].box, x0 = X(c[0]), y0 = Y(c[1]), y1 = Y(c[1] + c[3]);
        boxes[i] = [x0, y0, Math.max(10, c[2] * k), y1 - y0]; points[i] = P; fonts[i] = [fs, lf];
      });
      var cursor = nb[1] - 6 - topAxis - stackHeight, at = {};
      stacked.forEach(function (n) {    // y of each stacked text such that its first line starts at the cursor
        var style = d.styles[drawn[n].k], sz = Math.max(style.size, TICK_PX), count = wrapped[n].split("\n").length;
        var lead = sz * 1.2, va = style.va, rest = (count - 1) * lead;
        var offset = va === "top" ? 0 : va === "center" || va === "center_baseline" ? 0.45 * sz + rest / 2 : va === "bottom" ? sz + rest : 0.8 * sz + rest;
        at[n] = cursor + offset;
        cursor += sz + rest + 4;
      });
      g.texts.forEach(function (n) {
        var item = drawn[n], style = d.styles[item.k], sz = Math.max(style.size, TICK_PX), lines = wrapped[n];
        var long = 0;
        lines.split("\n").forEach(function (line) { long = Math.max(long, line.length * sz * CHAR_EM); });
        var x = X(item.xy[0]), y = n in at ? at[n] : Y(item.xy[1]);
        if (!style.rot) {            // keep the whole text on the screen
          var lo = style.ha === "right" ? long : style.ha === "center" ? long / 2 : 0;
          x = Math.min(Math.max(x, 2 + lo), width - 2 - (long - lo));
        }
        texts[n] = { xy: [x, y], size: sz, s: lines };
      });
      top += above + h + below;
    });
    return { size: [width, top], boxes: boxes, points: points, fonts: fonts, texts: texts };
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
        var explorer = root.drugresistExplorer = new Explorer(root, data);
        root.setAttribute("data-ready", "true");
        if (typeof ResizeObserver !== "undefined") {
          // a new width may need the other layout (or, narrow, a new one): redraw once per frame
          var pending = false;
          new ResizeObserver(function () {
            if (pending || explorer.plot.clientWidth === explorer.width) return;
            pending = true;
            requestAnimationFrame(function () { pending = false; explorer.draw(); });
          }).observe(explorer.plot);
        }
      });
    });
  }
  if (typeof module !== "undefined" && module.exports) {   // node (the decoder tests): no page to start
    module.exports = { FORMAT_VERSION: FORMAT_VERSION, DIGITS: DIGITS, LEVELS: LEVELS, DATA_KEYS: DATA_KEYS,
      decode: decode, resolve: resolve };
  } else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
