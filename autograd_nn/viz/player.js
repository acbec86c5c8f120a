// The step-through player of autograd_nn.viz.player: one frame per edge of the backward pass.
// The page holds the frames as inline SVG (made by Graphviz's `dot` in Python) or, where `dot`
// was missing, as DOT text that this script lays out with the vendored WebAssembly Graphviz
// (window.Viz): the complete picture once, then every frame pinned to that geometry (engine
// nop2), so no node moves from frame to frame. Nothing is fetched from the network.
(function () {
  "use strict";
  if (window.autogradNNPlayer) { return; }
  var players = [];
  var active = null;

  // Add the positions of `layout` to every DOT statement that carries a known id="...".
  function pin(source, layout) {
    return source.split("\n").map(function (line) {
      var match = /\bid="([^"]+)"/.exec(line);
      if (!match || !layout[match[1]] || !/\]\s*$/.test(line)) { return line; }
      var item = layout[match[1]], extra = [];
      ["pos", "lp", "bb", "width", "height"].forEach(function (key) {
        if (item[key] !== undefined) { extra.push(key + '="' + item[key] + '"'); }
      });
      if (item.width !== undefined) { extra.push('fixedsize="true"'); }
      return line.replace(/\]\s*$/, " " + extra.join(" ") + "]");
    }).join("\n");
  }

  function layoutOf(json) {
    var found = { graph: { bb: json.bb, lp: json.lp } };
    (json.objects || []).concat(json.edges || []).forEach(function (item) {
      if (item.id) { found[item.id] = item; }
    });
    return found;
  }

  function Player(root) {
    this.root = root;
    this.data = JSON.parse(root.querySelector("script.agnn-data").textContent);
    this.count = this.data.captions.length;
    this.index = 0;
    this.timer = null;
    this.stage = root.querySelector(".agnn-stage");
    this.caption = root.querySelector(".agnn-caption");
    this.counter = root.querySelector(".agnn-counter");
    this.slider = root.querySelector("input.agnn-slider");
    this.info = root.querySelector(".agnn-info");
    this.buttons = {};
    var self = this;
    root.querySelectorAll("button[data-action]").forEach(function (button) {
      self.buttons[button.getAttribute("data-action")] = button;
      button.addEventListener("click", function () { active = self; self.act(button.getAttribute("data-action")); });
    });
    this.slider.max = String(this.count - 1);
    this.slider.addEventListener("input", function () { active = self; self.stop(); self.show(parseInt(self.slider.value, 10)); });
    root.addEventListener("focus", function () { active = self; });
    root.addEventListener("click", function (event) {
      active = self;
      var node = event.target.closest ? event.target.closest("g.node") : null;
      if (node && self.stage.contains(node)) { self.select(node.id); }
    });
    this.frames = [];
    this.ready = this.prepare();
  }

  Player.prototype.prepare = function () {
    var self = this, frames = this.data.frames;
    if (frames[0].svg !== undefined) {
      frames.forEach(function (frame, k) { self.frames.push(self.holder(k, frame.svg)); });
      self.show(0);
      return Promise.resolve();
    }
    if (!window.Viz) {
      self.fail("the WebAssembly Graphviz (viz-global.js) is not on this page");
      return Promise.resolve();
    }
    self.stage.textContent = "laying out the graph in the browser...";
    return window.Viz.instance().then(function (viz) {
      self.viz = viz;
      var laid = viz.renderString(self.data.reference, { format: "json0" });
      self.layout = layoutOf(JSON.parse(laid));
      self.stage.textContent = "";
      self.show(0);
    }).catch(function (error) { self.fail(String(error)); });
  };

  Player.prototype.holder = function (k, svg) {
    var div = document.createElement("div");
    div.className = "agnn-frame";
    div.setAttribute("data-frame", String(k));
    div.style.display = "none";
    div.innerHTML = svg;
    this.stage.appendChild(div);
    return div;
  };

  Player.prototype.frame = function (k) {
    if (!this.frames[k]) {  // laid out in the browser, on first view
      var source = pin(this.data.frames[k].dot, this.layout);
      var svg = this.viz.renderSVGElement(source, { engine: "nop2" });
      var div = this.holder(k, "");
      div.appendChild(svg);
      this.frames[k] = div;
    }
    return this.frames[k];
  };

  Player.prototype.fail = function (message) {
    this.stage.innerHTML = "";
    var p = document.createElement("p");
    p.className = "agnn-error";
    p.textContent = "Cannot draw the frames: " + message;
    this.stage.appendChild(p);
  };

  Player.prototype.show = function (k) {
    k = Math.max(0, Math.min(this.count - 1, k));
    if (this.frames.length || this.viz) {
      var previous = this.frames[this.index];
      if (previous) { previous.style.display = "none"; }
      this.frame(k).style.display = "";
    }
    this.index = k;
    this.root.setAttribute("data-step", String(k + 1));
    this.caption.textContent = this.data.captions[k];
    this.counter.textContent = "step " + (k + 1) + " of " + this.count;
    this.slider.value = String(k);
    this.buttons.first.disabled = this.buttons.prev.disabled = k === 0;
    this.buttons.next.disabled = this.buttons.last.disabled = k === this.count - 1;
    if (this.selected) { this.select(this.selected); }
  };

  Player.prototype.act = function (action) {
    if (action === "play") { return this.timer ? this.stop() : this.play(); }
    this.stop();
    if (action === "next") { this.show(this.index + 1); }
    if (action === "prev") { this.show(this.index - 1); }
    if (action === "first") { this.show(0); }
    if (action === "last") { this.show(this.count - 1); }
  };

  Player.prototype.play = function () {
    var self = this;
    if (this.index === this.count - 1) { this.show(0); }
    this.buttons.play.textContent = "\u23F8 pause";
    this.timer = setInterval(function () {
      if (self.index >= self.count - 1) { self.stop(); } else { self.show(self.index + 1); }
    }, this.data.interval);
  };

  Player.prototype.stop = function () {
    if (this.timer) { clearInterval(this.timer); this.timer = null; }
    this.buttons.play.textContent = "\u25B6 play";
  };

  Player.prototype.select = function (id) {
    var node = this.data.nodes[id];
    if (!node) { return; }
    this.selected = id;
    this.stage.querySelectorAll("g.node.agnn-selected").forEach(function (g) { g.classList.remove("agnn-selected"); });
    this.stage.querySelectorAll("g.node").forEach(function (g) { if (g.id === id) { g.classList.add("agnn-selected"); } });
    var info = this.info;
    info.innerHTML = "";
    info.setAttribute("data-node", id);
    var head = document.createElement("div");
    var title = document.createElement("b");
    title.textContent = node.title;
    head.appendChild(title);
    info.appendChild(head);
    [["value", node.value], ["gradient", node.gradient]].forEach(function (pair) {
      var line = document.createElement("div");
      line.className = "agnn-" + pair[0];
      line.textContent = pair[1];
      info.appendChild(line);
    });
    if (node.lines.length) {
      var made = document.createElement("div");
      var reached = node.step !== null && node.step > this.index + 1;
      made.textContent = "made by the chain rule" + (reached ? " (at step " + node.step + ", not reached yet)" : "") + ":";
      info.appendChild(made);
      var pre = document.createElement("pre");
      pre.className = "agnn-lines";
      pre.textContent = node.lines.join("\n");
      info.appendChild(pre);
    }
  };

  document.addEventListener("keydown", function (event) {
    var player = active || players[0];
    if (!player || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    var inside = target === document.body || player.root.contains(target);
    if (!inside || target === player.slider || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
    var action = { ArrowRight: "next", ArrowDown: "next", ArrowLeft: "prev", ArrowUp: "prev",
                   Home: "first", End: "last", " ": "play" }[event.key];
    if (action && !(action === "play" && target.tagName === "BUTTON")) {
      event.preventDefault();
      player.act(action);
    }
  });

  window.autogradNNPlayer = function (root) {
    var player = new Player(root);
    players.push(player);
    root.autogradNNPlayer = player;
    return player;
  };
})();
