// Watch it learn (autograd_nn.viz.training_player): the snapshots of a training run, one at a
// time. The page's data holds the costs and accuracies as JSON and, packed with zlib (unpacked
// here by the browser's DecompressionStream), the model's output on the decision grid for each
// snapshot (each grid minus the one before), W[l], b[l], dW[l], db[l], and the step-through
// frames of the first and last backward passes. Everything is drawn here: an SVG cursor on the
// cost curve, a canvas for the boundary, HTML tables and canvases for the matrices.
(function () {
  "use strict";
  var PURPLE = [118, 42, 131], GREEN = [27, 120, 55];  // negative, positive entries

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function inflate(text) {
    var binary = atob(text), bytes = new Uint8Array(binary.length);
    for (var k = 0; k < binary.length; k++) { bytes[k] = binary.charCodeAt(k); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
  }

  // Each grid was stored minus the one before (mod 256): add them back up.
  function undelta(bytes, count, size) {
    var grids = [], previous = new Uint8Array(size);
    for (var s = 0; s < count; s++) {
      var grid = new Uint8Array(size);
      for (var k = 0; k < size; k++) { grid[k] = (previous[k] + bytes[s * size + k]) & 255; }
      grids.push(grid);
      previous = grid;
    }
    return grids;
  }

  function mix(colour, amount) {  // `amount` of the colour, the rest white
    return [0, 1, 2].map(function (c) { return Math.round(255 - amount * (255 - colour[c])); });
  }

  function hsl(h, s, l) {  // the Python side's class colours for more than two classes
    var a = s * Math.min(l, 1 - l);
    function f(n) { var k = (n + h / 30) % 12; return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)))); }
    return [f(0), f(8), f(4)];
  }

  function diverging(t) {  // t in [-1, 1]: purple, white, green
    return mix(t < 0 ? PURPLE : GREEN, Math.min(1, Math.abs(t)));
  }

  function rgb(c) { return "rgb(" + c[0] + "," + c[1] + "," + c[2] + ")"; }

  function number(x) {
    if (x === 0) { return "0"; }
    var a = Math.abs(x);
    return a >= 1e-3 && a < 1e5 ? String(parseFloat(x.toPrecision(4))) : x.toExponential(2);
  }

  function Replay(page, data, detail, grids) {
    this.page = page;
    this.data = data;
    this.detail = detail;
    this.grids = grids;
    this.count = data.iterations.length;
    this.iteration = page.find(".agnn-tp-iteration");
    this.cost = page.find(".agnn-tp-cost");
    this.accuracy = page.find(".agnn-tp-accuracy");
    this.cursor = page.find(".agnn-tp-curve .agnn-tp-cursor");
    this.curve = page.find(".agnn-tp-curve");
    this.canvas = page.find("canvas.agnn-tp-grid");
    this.backward = page.find(".agnn-tp-backward");
    this.passes = {};
    this.buildNetwork(page.find(".agnn-tp-network"));
  }

  Replay.prototype.caption = function (k) {
    var d = this.data, text = "iteration " + d.iterations[k].toLocaleString("en") + " of " +
      d.last.toLocaleString("en") + ": cost J = " + d.costs[k].toPrecision(6);
    if (d.accuracies[k] !== null) { text += ", train accuracy " + (100 * d.accuracies[k]).toFixed(2) + " %"; }
    if (d.iterations[k] === d.last) { text += " (the trained model)"; }
    return text;
  };

  Replay.prototype.show = function (k) {
    var d = this.data;
    this.iteration.textContent = d.iterations[k].toLocaleString("en");
    this.cost.textContent = d.costs[k].toPrecision(6);
    this.accuracy.textContent = d.accuracies[k] === null ? "(a regression: none)" : (100 * d.accuracies[k]).toFixed(2) + " %";
    this.moveCursor(k);
    if (this.grids) { this.drawGrid(k); }
    this.fillNetwork(k);
    this.showBackward(k);
    this.index = k;
  };

  Replay.prototype.moveCursor = function (k) {
    var c = this.data.curve, xmax = parseFloat(this.curve.getAttribute("data-xmax"));
    var ymax = parseFloat(this.curve.getAttribute("data-ymax"));
    var x = c.left + (c.width - c.left - c.right) * this.data.iterations[k] / xmax;
    var y = c.top + (c.height - c.top - c.bottom) * (1 - this.data.costs[k] / ymax);
    var line = this.cursor.querySelector("line"), dot = this.cursor.querySelector("circle");
    line.setAttribute("x1", x); line.setAttribute("x2", x);
    dot.setAttribute("cx", x); dot.setAttribute("cy", y);
    this.cursor.setAttribute("visibility", "visible");
  };

  // One cell of CELL x CELL pixels per grid point, row 0 (the smallest x2) at the bottom.
  Replay.prototype.drawGrid = function (k) {
    var g = this.data.grid, rows = g.rows, cols = g.cols, cell = g.cell;
    var context = this.canvas.getContext("2d");
    var image = context.createImageData(cols * cell, rows * cell), pixels = image.data;
    var grid = this.grids[k], colours = [], c;
    for (c = 0; c < Math.max(g.classes, 2); c++) {
      colours.push(g.classes === 1 ? g.colours[c] : (g.classes === 2 ? g.colours[c] : hsl(360 * c / g.classes, 0.65, 0.45)));
    }
    for (var i = 0; i < rows; i++) {
      for (var j = 0; j < cols; j++) {
        var q = grid[i * cols + j], colour;
        if (g.classes === 1) {
          var p = (q + 0.5) / 256, confidence = Math.abs(p - 0.5) * 2;
          colour = mix(colours[q >= 128 ? 1 : 0], g.pale + (1 - g.pale) * confidence);
        } else {
          colour = mix(colours[q], 0.55);
        }
        for (var dy = 0; dy < cell; dy++) {
          var y = (rows - 1 - i) * cell + dy;
          for (var dx = 0; dx < cell; dx++) {
            var at = 4 * (y * cols * cell + j * cell + dx);
            pixels[at] = colour[0]; pixels[at + 1] = colour[1]; pixels[at + 2] = colour[2]; pixels[at + 3] = 255;
          }
        }
      }
    }
    context.putImageData(image, 0, 0);
  };

  // X -> one box per layer -> J; each layer box has slots W, b (black) and dW, db (red).
  Replay.prototype.buildNetwork = function (holder) {
    var self = this, layers = this.data.layers, L = layers.length;
    this.slots = {};
    var input = element("div", "agnn-tp-end", "X");
    input.appendChild(element("div", "agnn-tp-shape", "(n[0], m) = (" + layers[0].n_in + ", m)"));
    holder.appendChild(input);
    layers.forEach(function (layer) {
      holder.appendChild(element("div", "agnn-tp-arrow", "→"));
      var box = element("div", "agnn-tp-layer");
      var head = element("div", "agnn-tp-layer-head", "layer " + layer.l + ": " + layer.activation +
        ", n[" + layer.l + "] = " + layer.n_out);
      box.appendChild(head);
      var formula = element("div", "agnn-tp-formula", "A" + layer.l + " = " + layer.activation +
        "(W" + layer.l + " A" + (layer.l - 1) + " + b" + layer.l + ")");
      box.appendChild(formula);
      var table = element("div", "agnn-tp-slots");
      ["W", "b", "dW", "db"].forEach(function (kind) {
        var name = kind + layer.l, slot = element("div", "agnn-tp-slot" + (kind[0] === "d" ? " agnn-tp-gradient" : ""));
        slot.setAttribute("data-name", name);
        slot.appendChild(element("div", "agnn-tp-name", name));
        var content = element("div", "agnn-tp-content");
        slot.appendChild(content);
        table.appendChild(slot);
        self.slots[name] = content;
      });
      box.appendChild(table);
      holder.appendChild(box);
    });
    holder.appendChild(element("div", "agnn-tp-arrow", "→"));
    var end = element("div", "agnn-tp-end", "A" + L + " → J");
    end.appendChild(element("div", "agnn-tp-shape", "(n[" + L + "], m) = (" + layers[L - 1].n_out + ", m)"));
    holder.appendChild(end);
  };

  Replay.prototype.fillNetwork = function (k) {
    var matrices = this.detail.matrices[k];
    for (var name in this.slots) {
      if (Object.prototype.hasOwnProperty.call(this.slots, name)) { this.fillSlot(this.slots[name], name, matrices[name]); }
    }
  };

  Replay.prototype.fillSlot = function (content, name, m) {
    content.textContent = "";
    var shape = "(" + m.shape.join(", ") + ")";
    content.parentNode.querySelector(".agnn-tp-name").textContent = name + " " + shape;
    if (m.values) {
      var table = element("table", "agnn-tp-matrix");
      m.values.forEach(function (row) {
        var tr = element("tr");
        row.forEach(function (x) {
          var td = element("td", "", number(x));
          td.style.background = rgb(mix(diverging(x / m.scale), 0.6));
          tr.appendChild(td);
        });
        table.appendChild(tr);
      });
      content.appendChild(table);
      return;
    }
    var cw = Math.max(1, Math.min(10, Math.floor(256 / m.cols))), ch = Math.max(2, Math.min(10, Math.floor(96 / m.rows)));
    var canvas = element("canvas", "agnn-tp-cells");
    canvas.width = m.cols * cw; canvas.height = m.rows * ch;
    var context = canvas.getContext("2d");
    for (var r = 0; r < m.rows; r++) {
      for (var c = 0; c < m.cols; c++) {
        context.fillStyle = rgb(diverging((m.codes[r * m.cols + c] - 127) / 127));
        context.fillRect(c * cw, r * ch, cw, ch);
      }
    }
    content.appendChild(canvas);
    var scale = element("div", "agnn-tp-scale");
    scale.appendChild(element("span", "", number(-m.scale)));
    scale.appendChild(element("span", "agnn-tp-bar"));
    scale.appendChild(element("span", "", number(m.scale)));
    content.appendChild(scale);
    var note = "entries from " + number(m.min) + " to " + number(m.max);
    if (m.block[0] * m.block[1] > 1) { note += "; a cell: the mean of " + m.block[0] + " × " + m.block[1] + " entries"; }
    content.appendChild(element("div", "agnn-tp-range", note));
  };

  // The backward pass of the snapshot shown: for the first and last snapshots, the
  // step-through player itself (its own widget, kept in the page as HTML and started the first
  // time it is opened); for the others, how to recompute it in Python.
  Replay.prototype.showBackward = function (k) {
    var iteration = this.data.iterations[k], kept = this.detail.backward[String(iteration)];
    var panel = this.backward;
    panel.textContent = "";
    panel.appendChild(element("div", "agnn-tp-heading", "the backward pass of iteration " + iteration.toLocaleString("en")));
    var hint = element("div", "agnn-tp-hint");
    hint.appendChild(document.createTextNode(kept ? "Below, step by step; in Python: " : "In Python, step through it with "));
    hint.appendChild(element("code", "", "history.player(" + iteration + ", X, Y)"));
    hint.appendChild(document.createTextNode(kept ? "" : " (this page keeps the first and last iterations' backward passes)."));
    panel.appendChild(hint);
    if (!kept) { return; }
    if (!this.passes[iteration]) {  // one <details> per kept pass, moved in and out of the panel
      var details = element("details", "agnn-tp-details");
      details.appendChild(element("summary", "", "step through the backward pass of iteration " +
        iteration.toLocaleString("en") + " (" + kept.frames + " steps)"));
      var holder = element("div", "agnn-tp-player");
      details.appendChild(holder);
      details.addEventListener("toggle", function () {
        if (details.open && !holder.firstChild) { start(holder, kept.html); }
      });
      this.passes[iteration] = details;
    }
    panel.appendChild(this.passes[iteration]);
  };

  // Put a widget's HTML in `holder` and run its scripts (innerHTML alone does not): each runs
  // as a new script element in its place, so document.currentScript finds the widget's root.
  function start(holder, markup) {
    holder.innerHTML = markup;
    holder.querySelectorAll("script").forEach(function (old) {
      if (old.type === "application/json") { return; }
      var script = document.createElement("script");
      script.textContent = old.textContent;
      old.parentNode.replaceChild(script, old);
    });
  }

  autogradNNPage.register("training", function (page) {
    var d = page.data;
    var status = element("div", "agnn-tp-status", "unpacking the snapshots...");
    page.live.insertBefore(status, page.live.firstChild);
    function fail(message) {
      status.className = "agnn-error";
      status.textContent = "Cannot show the replay: " + message;
    }
    if (typeof DecompressionStream === "undefined") {
      fail("this browser has no DecompressionStream (Chrome 80, Firefox 113, Safari 16.4 or later)");
      return null;
    }
    var count = d.iterations.length;
    Promise.all([inflate(d.detail), d.grid ? inflate(d.grid.outputs) : Promise.resolve(null)]).then(function (parts) {
      var detail = JSON.parse(new TextDecoder().decode(parts[0]));
      var grids = parts[1] ? undelta(parts[1], count, d.grid.rows * d.grid.cols) : null;
      var replay = new Replay(page, d, detail, grids);
      var stepper = page.stepper({ count: count, interval: d.interval, show: function (k) {
        replay.show(k);
        stepper.caption(replay.caption(k));
      } });
      status.remove();
      page.replay = replay;
      stepper.show(d.start === "last" ? count - 1 : 0);
      page.root.setAttribute("data-ready", "true");
    }).catch(function (error) { fail(String(error)); });
    return null;
  });
})();
