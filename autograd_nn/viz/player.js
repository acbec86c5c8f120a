// The step-through player of autograd_nn.viz.player, a kind of the page shell (page.js).
// data.svg is one picture holding every look ("variant") every node and edge ever has: <g
// data-agnn="n3"> is variant 0 of node n3, <g data-agnn="n3~2"> its variant 2. A frame is the
// list of changes from the frame before, [element, old, new, ...]; going to frame k applies
// (or undoes) the changes between. Where `dot` was missing in Python, data.sheet is DOT text that
// this script lays out with the vendored WebAssembly Graphviz (window.Viz): data.reference is
// laid out once, and every variant is pinned to the position of its element (engine nop2).
(function () {
  "use strict";

  // Add the positions of `layout` to every DOT statement that carries id="n3" or id="n3~2".
  function pin(source, layout) {
    return source.split("\n").map(function (line) {
      var match = /\bid="([^"~]+)(~\d+)?"/.exec(line);
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

  // The WebAssembly Graphviz: in this output, or in the notebook's first player (waited for).
  function graphviz() {
    return new Promise(function (resolve, reject) {
      var waited = 0;
      (function look() {
        if (window.Viz) { return resolve(window.Viz); }
        waited += 200;
        if (waited > 30000) {
          return reject(new Error("the WebAssembly Graphviz comes with the first player this " +
            "kernel showed, which is not on the page: re-run this cell"));
        }
        setTimeout(look, 200);
      })();
    });
  }

  function picture(data) {
    if (data.svg) { return Promise.resolve(data.svg); }
    return graphviz().then(function (Viz) { return Viz.instance(); }).then(function (viz) {
      var layout = layoutOf(JSON.parse(viz.renderString(data.reference, { format: "json0" })));
      var sheet = pin(data.sheet, layout).replace(/\bgraph \[/, "graph [layout=nop2 ");
      var svg = viz.renderString(sheet, { format: "svg", engine: "nop2" });
      return svg.replace(/<!--[^]*?-->/g, "").replace(/<title>[^<]*<\/title>/g, "")
        .replace(/<g id="([^"]*)" class="(node|edge|cluster|graph)"/g, '<g data-agnn="$1" class="$2"');
    });
  }

  function start(page) {
    var data = page.data, count = data.captions.length;
    var stage = page.find(".agnn-stage"), info = page.find(".agnn-info");
    var index = {}, groups = null, shown = null, at = 0, wanted = 0, selected = null;
    data.elements.forEach(function (key, k) { index[key] = k; });
    var stepper = page.stepper({ count: count, interval: data.interval, show: show });
    var zoom = page.zoom(stage);

    function apply(changes, forward) {
      for (var j = 0; j < changes.length; j += 3) {
        var e = changes[j], from = forward ? changes[j + 1] : changes[j + 2];
        var to = forward ? changes[j + 2] : changes[j + 1];
        if (groups[e][from]) { groups[e][from].style.display = "none"; }
        if (groups[e][to]) { groups[e][to].style.display = ""; }
        shown[e] = to;
      }
    }

    function show(k) {
      wanted = k;
      var caption = data.captions[k];
      if (data.phases) { caption = data.phases[k] + ": " + caption; }
      stepper.caption(caption);
      page.root.setAttribute("data-phase", data.phases ? data.phases[k] : "");
      if (!groups) { return; }
      while (at < k) { at += 1; apply(data.changes[at], true); }
      while (at > k) { apply(data.changes[at], false); at -= 1; }
      stage.querySelectorAll("g.agnn-now").forEach(function (g) { g.classList.remove("agnn-now"); });
      data.now[k].forEach(function (e) { var g = groups[e][shown[e]]; if (g) { g.classList.add("agnn-now"); } });
      var focus = data.focus[k];
      page.root.setAttribute("data-focus", data.elements[focus]);
      page.reveal(groups[focus][shown[focus]]);
      if (selected) { select(selected); }
    }

    function select(key) {
      var node = data.nodes[key];
      if (!node) { return; }
      selected = key;
      stage.querySelectorAll("g.agnn-selected").forEach(function (g) { g.classList.remove("agnn-selected"); });
      (groups[index[key]] || []).forEach(function (g) { if (g) { g.classList.add("agnn-selected"); } });
      info.textContent = "";
      info.setAttribute("data-node", key);
      var head = document.createElement("div");
      var title = document.createElement("b");
      title.textContent = node.title;
      head.appendChild(title);
      info.appendChild(head);
      [["value", node.value], ["gradient", node.gradient]].forEach(function (pair) {
        if (pair[1] === null) { return; }
        var line = document.createElement("div");
        line.className = "agnn-" + pair[0];
        line.textContent = pair[1];
        info.appendChild(line);
      });
      if (node.lines.length) {
        var made = document.createElement("div");
        var late = [];
        if (node.computed && node.computed > wanted + 1) { late.push("computed at step " + node.computed); }
        if (node.step && node.step > wanted + 1) { late.push("gradient at step " + node.step); }
        made.textContent = "made by" + (late.length ? " (" + late.join(", ") + ", not reached yet)" : "") + ":";
        info.appendChild(made);
        var pre = document.createElement("pre");
        pre.className = "agnn-lines";
        pre.textContent = node.lines.join("\n");
        info.appendChild(pre);
      }
    }

    stage.addEventListener("click", function (event) {
      var g = event.target.closest ? event.target.closest("g.node[data-agnn]") : null;
      if (g) { select(g.getAttribute("data-agnn").split("~")[0]); }
    });

    stage.textContent = data.svg ? "" : "laying out the graph in the browser...";
    stepper.show(0);
    picture(data).then(function (svg) {
      stage.innerHTML = svg;
      groups = data.elements.map(function () { return []; });
      shown = data.elements.map(function () { return 0; });
      stage.querySelectorAll("g[data-agnn]").forEach(function (g) {
        var name = g.getAttribute("data-agnn").split("~");
        var e = index[name[0]];
        if (e === undefined) { return; }
        var variant = name.length > 1 ? parseInt(name[1], 10) : 0;
        groups[e][variant] = g;
        if (variant) { g.style.display = "none"; }
      });
      groups.forEach(function (variants) {  // outlines written once, as data-d="j": copy them
        var outlines = variants[0] ? variants[0].querySelectorAll("[d],[points]") : [];
        variants.forEach(function (g, v) {
          if (!v || !g) { return; }
          g.querySelectorAll("[data-d],[data-p]").forEach(function (shape) {
            var d = shape.getAttribute("data-d"), p = shape.getAttribute("data-p");
            var source = outlines[parseInt(d !== null ? d : p, 10)];
            if (source) { shape.setAttribute(d !== null ? "d" : "points", source.getAttribute(d !== null ? "d" : "points")); }
          });
        });
      });
      page.root.setAttribute("data-ready", "true");
      zoom.apply();
      show(wanted);
    }).catch(function (error) {
      stage.textContent = "";
      var p = document.createElement("p");
      p.className = "agnn-error";
      p.textContent = "Cannot draw the graph: " + error;
      stage.appendChild(p);
    });
    return { stepper: stepper, select: select };
  }

  window.autogradNNPage.register("player", start);
})();
