// The page shell of autograd_nn.viz.page: one widget per element, started from its own script.
// Every copy of a widget (JupyterLab's "New View for Output", a re-run cell, several widgets in
// one notebook) is found from document.currentScript, never from a page-global id. The shell
// builds the live widget from the JSON in the element, hides the static fallback, keeps the
// widget's keys away from JupyterLab (stopPropagation, and data-lm-suppress-shortcuts on the
// root) and gives each kind a stepper, a fit/zoom control and reveal(element).
(function () {
  "use strict";
  var VERSION = 2;  // a newer shell replaces an older one already on the page
  if (window.autogradNNPage && window.autogradNNPage.version >= VERSION) { return; }
  var kinds = (window.autogradNNPage && window.autogradNNPage.kinds) || {};
  var waiting = [];

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function editable(target) {
    return /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable;
  }

  function Page(root) {
    var self = this;
    this.root = root;
    var payload = JSON.parse(root.querySelector("script.agnn-data").textContent);
    this.kind = payload.kind;
    this.data = payload.data;
    this.keyHandlers = [];
    this.fallback = root.querySelector(".agnn-fallback");
    if (this.fallback) { this.fallback.style.display = "none"; this.fallback.hidden = true; }
    var head = element("div", "agnn-head");
    head.appendChild(element("span", "agnn-title", payload.title));
    var keys = element("span", "agnn-keys");
    payload.keys.forEach(function (pair, k) {
      if (k) { keys.appendChild(document.createTextNode(" · ")); }
      keys.appendChild(element("kbd", "", pair[0]));
      keys.appendChild(document.createTextNode(" " + pair[1]));
    });
    if (payload.keys.length) { head.appendChild(keys); }
    this.bar = element("div", "agnn-bar");
    this.live = element("div", "agnn-live");
    this.live.innerHTML = payload.body;
    var scripts = root.querySelectorAll("script");
    var first = scripts.length ? scripts[0] : null;
    root.insertBefore(head, first);
    root.insertBefore(this.bar, first);
    root.insertBefore(this.live, first);
    root.addEventListener("keydown", function (event) { self.key(event); });
    root.addEventListener("mousedown", function (event) {
      if (!editable(event.target) && event.target.tagName !== "BUTTON") { root.focus({ preventScroll: true }); }
    });
  }

  Page.prototype.find = function (selector) { return this.root.querySelector(selector); };

  Page.prototype.onKey = function (handler) { this.keyHandlers.push(handler); };

  Page.prototype.key = function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || (event.shiftKey && event.key === "Enter")) {
      // the notebook's own shortcuts (Ctrl+S saves, Shift+Enter runs the cell) go through:
      // JupyterLab 4 reads data-lm-suppress-shortcuts after this listener, so lift it once
      var root = this.root;
      root.removeAttribute("data-lm-suppress-shortcuts");
      setTimeout(function () { root.setAttribute("data-lm-suppress-shortcuts", "true"); }, 0);
      return;
    }
    event.stopPropagation();  // the widget's keys never reach the notebook around it
    if (editable(event.target)) { return; }
    for (var k = 0; k < this.keyHandlers.length; k++) {
      if (this.keyHandlers[k](event)) { event.preventDefault(); return; }
    }
  };

  // first/prev/play/next/last, a slider, a counter and a caption, in the sticky bar.
  Page.prototype.stepper = function (options) {
    var self = this, count = options.count, index = 0, timer = null;
    var controls = element("div", "agnn-controls");
    var buttons = {};
    [["first", "« first", "first step (Home)"], ["prev", "◀ prev", "previous step (←)"],
     ["play", "▶ play", "play (P)"], ["next", "next ▶", "next step (→)"],
     ["last", "last »", "last step (End)"]].forEach(function (b) {
      var button = element("button", "", b[1]);
      button.type = "button";
      button.title = b[2];
      button.setAttribute("data-action", b[0]);
      button.addEventListener("click", function () { act(b[0]); });
      buttons[b[0]] = button;
      controls.appendChild(button);
    });
    var slider = element("input", "agnn-slider");
    slider.type = "range"; slider.min = "0"; slider.max = String(count - 1); slider.step = "1";
    slider.value = "0";
    slider.setAttribute("aria-label", "step");
    slider.addEventListener("input", function () { stop(); show(parseInt(slider.value, 10)); });
    controls.appendChild(slider);
    var counter = element("span", "agnn-counter");
    controls.appendChild(counter);
    var caption = element("div", "agnn-caption");
    caption.setAttribute("aria-live", "polite");
    this.bar.appendChild(controls);
    this.bar.appendChild(caption);

    function show(k) {
      k = Math.max(0, Math.min(count - 1, k));
      index = k;
      self.root.setAttribute("data-step", String(k + 1));
      counter.textContent = "step " + (k + 1) + " of " + count;
      slider.value = String(k);
      buttons.first.disabled = buttons.prev.disabled = k === 0;
      buttons.next.disabled = buttons.last.disabled = k === count - 1;
      options.show(k);
    }
    function play() {
      if (index === count - 1) { show(0); }
      buttons.play.textContent = "⏸ pause";
      timer = setInterval(function () {
        if (index >= count - 1) { stop(); } else { show(index + 1); }
      }, options.interval || 1500);
    }
    function stop() {
      if (timer) { clearInterval(timer); timer = null; }
      buttons.play.textContent = "▶ play";
    }
    function act(action) {
      if (action === "play") { return timer ? stop() : play(); }
      stop();
      if (action === "next") { show(index + 1); }
      if (action === "prev") { show(index - 1); }
      if (action === "first") { show(0); }
      if (action === "last") { show(count - 1); }
    }
    this.onKey(function (event) {
      if (event.target === slider) { return false; }  // the slider's own arrow keys
      var action = { ArrowRight: "next", ArrowLeft: "prev", Home: "first", End: "last",
                     p: "play", P: "play" }[event.key];
      if (!action) { return false; }
      act(action);
      return true;
    });
    return { show: show, play: play, stop: stop, act: act,
             index: function () { return index; },
             caption: function (text) { caption.textContent = text; } };
  };

  // fit width (default), zoom out/in, natural size, for a stage holding one picture.
  Page.prototype.zoom = function (stage) {
    var self = this, scale = null;  // null: fit the width
    var group = element("span", "agnn-zoom");
    function apply() {
      var picture = stage.querySelector("svg, img");
      if (!picture) { return; }
      var natural = picture.agnnWidth;
      if (!natural) {
        var box = picture.viewBox && picture.viewBox.baseVal;
        natural = (box && box.width) || picture.naturalWidth || picture.getBoundingClientRect().width;
        picture.agnnWidth = natural;
      }
      var width = scale === null ? Math.min(natural, stage.clientWidth || natural) : natural * scale;
      picture.style.width = width + "px";
      picture.style.maxWidth = "none";
      picture.style.height = "auto";
      group.querySelector("[data-zoom=fit]").setAttribute("aria-pressed", String(scale === null));
    }
    [["fit", "fit width", "fit the picture to the width"], ["out", "−", "zoom out"],
     ["in", "+", "zoom in"], ["one", "100%", "natural size"]].forEach(function (z) {
      var button = element("button", "", z[1]);
      button.type = "button"; button.title = z[2];
      button.setAttribute("data-zoom", z[0]);
      button.addEventListener("click", function () {
        var picture = stage.querySelector("svg, img");
        var now = picture && picture.agnnWidth ? picture.getBoundingClientRect().width / picture.agnnWidth : 1;
        if (z[0] === "fit") { scale = null; }
        if (z[0] === "one") { scale = 1; }
        if (z[0] === "in") { scale = Math.min(4, now * 1.25); }
        if (z[0] === "out") { scale = Math.max(0.1, now / 1.25); }
        apply();
        if (self.revealed) { self.reveal(self.revealed); }
      });
      group.appendChild(button);
    });
    var controls = this.bar.querySelector(".agnn-controls") || this.bar;
    controls.appendChild(group);
    window.addEventListener("resize", function () { if (scale === null) { apply(); } });
    return { apply: apply };
  };

  // Scroll the stage (the element's scrolling ancestor inside the widget) so that `target` is
  // seen, then, if the bar or the target is out of the window, the page (or JupyterLab's
  // notebook): the bar's top to the top of the visible area, with the stage scrolled so that the
  // target lies in the part of it seen below the bar and the caption; only when that part is too
  // small for the target, the target to the middle of the window.
  Page.prototype.reveal = function (target) {
    if (!target) { return; }
    this.revealed = target;
    var stage = target.closest(".agnn-stage");
    var scroller = scrollParent(this.root);
    var view = scroller ? scroller.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
    var top = Math.max(0, view.top), bottom = Math.min(window.innerHeight, view.bottom);
    var bar = this.bar.getBoundingClientRect();
    if (stage) {
      // the bar, the caption and the stage together no taller than the visible area
      var above = stage.getBoundingClientRect().top - bar.top;
      var room = Math.min(bottom - top - above - 8, 0.7 * window.innerHeight);
      stage.style.maxHeight = Math.max(160, room) + "px";
      var own = stage.getBoundingClientRect();
      centre(stage, target, own.top, own.bottom);
    }
    var box = target.getBoundingClientRect();
    var seen = function (r, shift) { return r.top - shift >= top && r.bottom - shift <= bottom; };
    if (seen(bar, 0) && seen(box, 0) && (box.top >= bar.bottom || box.bottom <= bar.top)) { return; }
    var shift = bar.top - top;
    if (stage && !seen(box, shift)) {
      var area = stage.getBoundingClientRect();  // the stage's part seen once scrolled by shift
      centre(stage, target, Math.max(area.top, bar.bottom), Math.min(area.bottom, bottom + shift));
      box = target.getBoundingClientRect();
    }
    if (!seen(box, shift) || box.top < bar.bottom) {
      shift = (box.top + box.bottom) / 2 - (top + bottom) / 2;
    }
    if (scroller) { scroller.scrollTop += shift; } else { window.scrollBy(0, shift); }
  };

  // Scroll `stage` so that `target` sits in the middle of the band [from, to] of the window
  // (and of the stage's width), when it is not already inside it.
  function centre(stage, target, from, to) {
    var box = target.getBoundingClientRect(), area = stage.getBoundingClientRect();
    if (box.top < from || box.bottom > to) {
      stage.scrollTop += (box.top + box.bottom) / 2 - (from + to) / 2;
    }
    if (box.left < area.left || box.right > area.right) {
      stage.scrollLeft += (box.left + box.right) / 2 - (area.left + area.right) / 2;
    }
  }

  // The first ancestor of `node` that scrolls (JupyterLab's notebook), or null for the window.
  function scrollParent(node) {
    for (var p = node.parentElement; p && p !== document.body; p = p.parentElement) {
      var style = window.getComputedStyle(p);
      if (/(auto|scroll)/.test(style.overflowY) && p.scrollHeight > p.clientHeight) { return p; }
    }
    return null;
  }

  function start(script) {
    var root = script && script.parentNode;
    if (!root || root.autogradNNPage) { return root && root.autogradNNPage; }
    var payloadScript = root.querySelector("script.agnn-data");
    if (!payloadScript) { return null; }
    var kind = JSON.parse(payloadScript.textContent).kind;
    if (!kinds[kind]) { waiting.push([root, kind]); return null; }
    var page = new Page(root);
    root.autogradNNPage = page;
    page.controller = kinds[kind](page);
    return page;
  }

  function register(kind, init) {
    kinds[kind] = init;
    waiting = waiting.filter(function (item) {
      if (item[1] !== kind) { return true; }
      var fake = { parentNode: item[0] };
      start(fake);
      return false;
    });
  }

  window.autogradNNPage = { version: VERSION, kinds: kinds, register: register, start: start, Page: Page };
})();
