// The exercise page of autograd_nn.exercises: the graph with numbered blanks and an answer sheet.
// Python wrote, per blank, the expected value, the named mistakes (a value and its feedback each)
// and the messages; this script only reads the learner's text and compares numbers with the rule
// of autograd_nn/exercises/answers.py, in the order of grading.judge, so the page and
// Exercise.grade give the same verdicts (a test checks it on generated exercises).
(function () {
  "use strict";
  var NUMBER = "[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?";
  var LONGEST = 2000;

  function Unreadable() {}

  // Half a unit in the last place typed (answers.half_unit).
  function halfUnit(places) {
    if (places >= 0) { return 0.5 / Math.pow(10, Math.min(places, 300)); }
    return 0.5 * Math.pow(10, Math.min(-places, 300));
  }

  // One number or fraction: [value, the tolerance its digits allow] (answers._entry).
  function entry(text, rule) {
    if (text.indexOf("/") >= 0) {
      var parts = text.split("/");
      var bottom = Number(parts[1].trim());
      if (bottom === 0) { throw new Unreadable(); }
      return { v: Number(parts[0].trim()) / bottom, t: 0 };
    }
    var value = Number(text);
    var plain = text.toLowerCase().replace(/^[+-]+/, "");
    var e = plain.indexOf("e");
    var mantissa = e >= 0 ? plain.slice(0, e) : plain;
    var exponent = e >= 0 ? parseInt(plain.slice(e + 1), 10) : 0;
    var dot = mantissa.indexOf(".");
    var whole = dot >= 0 ? mantissa.slice(0, dot) : mantissa;
    var decimals = dot >= 0 ? mantissa.slice(dot + 1) : "";
    var significant = (whole + decimals).replace(/^0+/, "").length;
    if (!decimals || significant < rule.roundingDigits) { return { v: value, t: 0 }; }
    return { v: value, t: halfUnit(decimals.length - exponent) };
  }

  function shapeOf(nested) {
    if (!Array.isArray(nested)) { return []; }
    if (!nested.length) { throw new Unreadable(); }
    var inner = nested.map(shapeOf);
    inner.forEach(function (s) { if (s.join(",") !== inner[0].join(",")) { throw new Unreadable(); } });
    return [nested.length].concat(inner[0]);
  }

  function flatten(nested, out) {
    if (!Array.isArray(nested)) { out.push(nested); return out; }
    nested.forEach(function (item) { flatten(item, out); });
    return out;
  }

  // The learner's text as {shape, values, tolerance} (answers.read); throws Unreadable.
  function read(text, rule) {
    text = text.replace(/\u2212/g, "-").trim();
    if (!text || text.length > LONGEST) { throw new Unreadable(); }
    var token = new RegExp("\\s*(?:(\\[)|(\\])|(,)|(" + NUMBER + "(?:\\s*/\\s*" + NUMBER + ")?))", "y");
    var stack = [[]], position = 0;
    while (position < text.length) {
      token.lastIndex = position;
      var match = token.exec(text);
      if (!match) { throw new Unreadable(); }
      position = token.lastIndex;
      if (match[1]) { stack.push([]); }
      else if (match[2]) {
        if (stack.length === 1) { throw new Unreadable(); }
        var done = stack.pop();
        stack[stack.length - 1].push(done);
      } else if (match[3]) {
        if (stack.length === 1) { throw new Unreadable(); }
      } else if (match[4]) { stack[stack.length - 1].push(entry(match[4], rule)); }
    }
    if (stack.length !== 1 || stack[0].length !== 1) { throw new Unreadable(); }
    var nested = stack[0][0];
    var shape = shapeOf(nested);
    var flat = flatten(nested, []);
    var values = flat.map(function (x) { return x.v; });
    if (!values.every(isFinite)) { throw new Unreadable(); }
    return { shape: shape, values: values, tolerance: flat.map(function (x) { return x.t; }) };
  }

  function size(shape) { return shape.reduce(function (a, b) { return a * b; }, 1); }

  // Can the answer stand for a value of `shape`? (answers.fits)
  function fits(answer, shape) {
    if (answer.shape.join(",") === shape.join(",")) { return true; }
    var n = answer.values.length;
    var long = shape.filter(function (k) { return k > 1; }).length;
    return n === size(shape) && (n === 1 || (long === 1 && answer.shape.length === 1));
  }

  // Every entry right for `target` = {shape, values}? (answers.agrees)
  function agrees(answer, target, rule) {
    if (!fits(answer, target.shape)) { return false; }
    for (var k = 0; k < target.values.length; k++) {
      var expected = target.values[k], distance = Math.abs(answer.values[k] - expected);
      var close = distance <= rule.relative * Math.abs(expected) + 1e-12;
      var rounded = distance <= answer.tolerance[k] * (1 + 1e-9);
      if (!(close || rounded)) { return false; }
    }
    return true;
  }

  function shapeText(shape) {
    if (shape.length === 1) { return "(" + shape[0] + ",)"; }
    return "(" + shape.join(", ") + ")";
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? String(values[key]) : all; });
  }

  // The verdict on `text` for `blank`, in the order of grading.judge.
  function judge(blank, text, data) {
    var rule = data.rule, messages = data.messages;
    if (text === null || text === undefined || !text.trim()) {
      return { status: "missing", feedback: messages.missing, mistake: null };
    }
    var answer;
    try { answer = read(text, rule); } catch (error) {
      if (error instanceof Unreadable) { return { status: "wrong", feedback: messages.unreadable, mistake: null }; }
      throw error;
    }
    if (agrees(answer, blank.expected, rule)) { return { status: "right", feedback: blank.right, mistake: null }; }
    for (var k = 0; k < blank.mistakes.length; k++) {
      var mistake = blank.mistakes[k];
      if (agrees(answer, mistake, rule)) { return { status: "wrong", feedback: mistake.feedback, mistake: mistake.kind }; }
    }
    if (!fits(answer, blank.shape)) {
      var words = fill(messages.shape, { id: blank.id, expected: shapeText(blank.shape), given: shapeText(answer.shape) });
      return { status: "wrong", feedback: words, mistake: null };
    }
    return { status: "wrong", feedback: blank.wrong, mistake: null };
  }

  // The grade's feedback: the first wrong blank, else what is left, else all right.
  function summary(blanks, verdicts, data) {
    var missing = [];
    for (var k = 0; k < blanks.length; k++) {
      var verdict = verdicts[blanks[k].id];
      if (verdict && verdict.status === "wrong") { return blanks[k].id + ": " + verdict.feedback; }
      if (!verdict || verdict.status === "missing") { missing.push(blanks[k].id); }
    }
    if (missing.length) {
      return fill(data.messages.left, { missing: missing.length, total: blanks.length, next: missing[0] });
    }
    return fill(data.messages.allRight, { total: blanks.length });
  }

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function init(page) {
    var data = page.data, blanks = data.blanks, verdicts = {};
    var stage = page.find(".agnn-ex-stage");
    var rows = {}, markers = {};
    page.live.querySelectorAll("li.agnn-ex-row").forEach(function (row, k) { rows[blanks[k].id] = row; });

    var controls = element("div", "agnn-controls");
    var all = element("button", "agnn-ex-check-all", "Check all");
    all.type = "button";
    all.title = "check every blank (Ctrl+Enter)";
    all.setAttribute("data-action", "check-all");
    var score = element("span", "agnn-ex-score");
    score.setAttribute("aria-live", "polite");
    controls.appendChild(all);
    controls.appendChild(score);
    var said = element("div", "agnn-caption agnn-ex-summary");
    said.setAttribute("aria-live", "polite");
    page.bar.appendChild(controls);
    page.bar.appendChild(said);

    function showScore() {
      var right = blanks.filter(function (b) { return verdicts[b.id] && verdicts[b.id].status === "right"; }).length;
      score.textContent = right + " of " + blanks.length;
      page.root.setAttribute("data-score", String(right));
    }

    function indexMarkers() {
      markers = {};
      stage.querySelectorAll("svg text").forEach(function (text) {
        var match = /#(\d+)\b/.exec(text.textContent);
        if (!match) { return; }
        var blank = blanks[parseInt(match[1], 10) - 1];
        if (!blank) { return; }
        text.classList.add("agnn-ex-marker");
        (markers[blank.id] = markers[blank.id] || []).push(text);
        text.addEventListener("click", function () { input(blank.id).focus(); });
        mirror(blank, text, match.index);
      });
      mirrors.sort(function (x, y) { return x.blank.number - y.blank.number; });
      mirrors.forEach(function (m) { stage.appendChild(m.field); });  // Tab goes #1, #2, ...
      place();
      if (window.ResizeObserver) { new ResizeObserver(place).observe(stage.querySelector("svg")); }
      window.addEventListener("resize", place);
    }

    // An input laid over the blank's "#3 ______" on the graph, mirroring the sheet's input.
    var mirrors = [];
    function mirror(blank, text, start) {
      var field = element("input", "agnn-ex-mirror");
      field.type = "text";
      field.autocomplete = "off";
      field.spellcheck = false;
      field.placeholder = "#" + blank.number;
      field.setAttribute("data-mirror", blank.id);
      field.setAttribute("aria-label", blank.id + " on the graph");
      field.addEventListener("input", function () {
        var sheet = input(blank.id);
        sheet.value = field.value;
        sheet.dispatchEvent(new Event("input"));
      });
      field.addEventListener("keydown", function (event) {
        if (event.key !== "Enter") { return; }
        event.preventDefault();
        event.stopPropagation();  // Ctrl+Enter would run the notebook's cell
        if (event.ctrlKey || event.metaKey) { checkAll(); return; }
        var k = blanks.indexOf(blank);
        if (check(blank.id).status === "right" && blanks[k + 1]) {
          var next = mirrors.filter(function (m) { return m.blank === blanks[k + 1]; })[0];
          (next ? next.field : input(blanks[k + 1].id)).focus();
        }
      });
      field.addEventListener("focus", function () { showCurrent(blank.id); });
      stage.appendChild(field);
      mirrors.push({ blank: blank, text: text, start: start, field: field });
    }

    // Put each graph input over its blank, wherever the picture is zoomed or scrolled to.
    function place() {
      var area = stage.getBoundingClientRect();
      mirrors.forEach(function (m) {
        try {
          var matrix = m.text.getScreenCTM();
          var first = m.text.getStartPositionOfChar(m.start);
          var last = m.text.getEndPositionOfChar(m.text.getNumberOfChars() - 1);
          var start = first.matrixTransform(matrix), right = last.matrixTransform(matrix).x;
          // one line of the label, from its baseline up: the lines around it stay readable
          var size = parseFloat(m.text.getAttribute("font-size") || "14") * matrix.d;
          m.field.style.left = (start.x - area.left + stage.scrollLeft) + "px";
          m.field.style.top = (start.y - size * 0.82 - area.top + stage.scrollTop) + "px";
          m.field.style.width = Math.max(right - start.x, 24) + "px";
          m.field.style.height = (size * 1.02) + "px";
          m.field.style.fontSize = Math.max(size * 0.78, 6) + "px";
          m.field.style.display = "";
        } catch (error) { m.field.style.display = "none"; }  // the sheet's input still works
      });
    }

    function showCurrent(id) {
      stage.querySelectorAll(".agnn-ex-current").forEach(function (t) { t.classList.remove("agnn-ex-current"); });
      (markers[id] || []).forEach(function (t) { t.classList.add("agnn-ex-current"); });
      mirrors.forEach(function (m) { m.field.classList.toggle("agnn-ex-current", m.blank.id === id); });
    }

    function input(id) { return rows[id].querySelector("input[data-blank]"); }

    function mark(id, status) {
      var row = rows[id];
      row.classList.remove("agnn-ex-right", "agnn-ex-wrong", "agnn-ex-missing");
      var shown = (markers[id] || []).concat(mirrors.filter(function (m) { return m.blank.id === id; })
        .map(function (m) { return m.field; }));
      shown.forEach(function (t) { t.classList.remove("agnn-ex-right", "agnn-ex-wrong"); });
      if (status) {
        row.classList.add("agnn-ex-" + status);
        shown.forEach(function (t) { t.classList.add("agnn-ex-" + status); });
      }
      row.querySelector(".agnn-ex-mark").textContent = { right: "✓", wrong: "✗", missing: "·" }[status] || "";
      input(id).setAttribute("aria-invalid", String(status === "wrong"));
    }

    function say(id, cls, text) {
      var box = rows[id].querySelector(".agnn-ex-feedback");
      var line = box.querySelector("." + cls) || box.appendChild(element("div", cls));
      line.textContent = text;
    }

    function check(id) {
      var blank = blanks.filter(function (b) { return b.id === id; })[0];
      var verdict = judge(blank, input(id).value, data);
      verdicts[id] = verdict;
      mark(id, verdict.status);
      say(id, "agnn-ex-verdict", verdict.feedback);
      showScore();
      return verdict;
    }

    function checkAll() {
      blanks.forEach(function (b) { check(b.id); });
      said.textContent = summary(blanks, verdicts, data);
      var wrong = blanks.some(function (b) { return verdicts[b.id].status === "wrong"; });
      said.className = "agnn-caption agnn-ex-summary " + (wrong ? "agnn-ex-wrong" : "agnn-ex-ok");
      var first = blanks.filter(function (b) { return verdicts[b.id].status === "wrong"; })[0];
      if (first) { input(first.id).focus(); }
      return verdicts;
    }

    blanks.forEach(function (blank, k) {
      var row = rows[blank.id], field = input(blank.id);
      row.querySelector("[data-action=check]").addEventListener("click", function () { check(blank.id); });
      row.querySelector("[data-action=hint]").addEventListener("click", function () {
        say(blank.id, "agnn-ex-hint", "hint: " + blank.hint);
      });
      row.querySelector("[data-action=reveal]").addEventListener("click", function () {
        say(blank.id, "agnn-ex-solution", "answer: " + blank.solution);
        row.classList.add("agnn-ex-revealed");
      });
      field.addEventListener("keydown", function (event) {
        if (event.key !== "Enter") { return; }
        event.preventDefault();
        event.stopPropagation();  // Ctrl+Enter would run the notebook's cell
        if (event.ctrlKey || event.metaKey) { checkAll(); return; }
        if (check(blank.id).status === "right" && blanks[k + 1]) { input(blanks[k + 1].id).focus(); }
      });
      field.addEventListener("input", function () {
        mirrors.forEach(function (m) { if (m.blank === blank && m.field.value !== field.value) { m.field.value = field.value; } });
        if (verdicts[blank.id]) { delete verdicts[blank.id]; mark(blank.id, null); showScore(); }
      });
      field.addEventListener("focus", function () {
        showCurrent(blank.id);
        if (markers[blank.id]) { page.reveal(markers[blank.id][0]); }
      });
    });
    all.addEventListener("click", checkAll);
    showScore();

    var zoom = page.zoom(stage);
    if (data.dot !== undefined) {
      if (!window.Viz) {
        stage.appendChild(element("p", "agnn-error", "Cannot draw the graph: the WebAssembly Graphviz is not on this page"));
      } else {
        stage.textContent = "laying out the graph in the browser...";
        window.Viz.instance().then(function (viz) {
          stage.textContent = "";
          stage.appendChild(viz.renderSVGElement(data.dot));
          indexMarkers();
          zoom.apply();
        }).catch(function (error) { stage.textContent = "Cannot draw the graph: " + error; });
      }
    } else {
      indexMarkers();
      zoom.apply();
    }
    return { judge: function (id, text) { return judge(blanks.filter(function (b) { return b.id === id; })[0], text, data); },
             check: check, checkAll: checkAll, verdicts: verdicts };
  }

  window.autogradNNExercise = { read: read, agrees: agrees, judge: judge, summary: summary };
  window.autogradNNPage.register("exercise", init);
})();
