// storyline web app: follows a background job until it ends, then shows its result.
// Served as a file (the Content-Security-Policy forbids inline scripts); every value
// from the server goes into the page with textContent only.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) { return; }
  var id = box.getAttribute("data-job");
  var bar = document.getElementById("job-progress");
  var status = document.getElementById("job-status");
  var result = document.getElementById("job-result");

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  // "Done", "Failed", "Queued", "Running: annotate, 3 of 10"; the same words as the server's.
  function jobStatus(job) {
    if (job.state === "done") { return "Done"; }
    if (job.state === "failed") { return "Failed"; }
    if (job.state === "queued") { return "Queued"; }
    return "Running: " + job.stage + (job.total ? ", " + job.done + " of " + job.total : "");
  }
  function show(job) {
    box.setAttribute("data-state", job.state);
    status.textContent = jobStatus(job);
    if (job.total) { bar.max = job.total; bar.value = Math.min(job.done, job.total); } else { bar.removeAttribute("value"); }
    if (job.state !== "done" && job.state !== "failed") { return false; }
    bar.max = 1; bar.value = 1;
    result.replaceChildren();
    if (job.error) { result.appendChild(el("p", "error", job.error)); }
    var rejected = job.problems.filter(function (p) { return p.rejected; }).length;
    result.appendChild(el("p", null, job.added.length + " new, " + job.unchanged.length +
      " already stored, " + rejected + " rejected."));
    if (job.problems.length) {
      var list = el("ul", "problems");
      job.problems.forEach(function (p) {
        var kind = p.rejected ? "rejected" : "warning";
        var item = el("li", kind);
        item.appendChild(el("bdi", null, p.file));
        item.appendChild(document.createTextNode((p.line !== null ? ":" + p.line : "") + ": " + kind + ": "));
        var reason = el("span", null, p.reason); reason.dir = "auto";
        item.appendChild(reason);
        list.appendChild(item);
      });
      result.appendChild(list);
    }
    if (job.outcomes && job.outcomes.length) {
      var table = el("table", "outcomes"), head = el("tr"), body = el("tbody");
      ["File", "Outcome", "Detail"].forEach(function (h) { head.appendChild(el("th", null, h)); });
      var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
      job.outcomes.forEach(function (o) {
        var row = el("tr", o.outcome), name = el("td"), detail = el("td");
        name.appendChild(el("bdi", null, o.file));
        if (o.line !== null) { name.appendChild(document.createTextNode(":" + o.line)); }
        detail.dir = "auto";
        if (o.article && o.outcome !== "failed") {
          var a = el("a", null, o.article);
          a.href = "/articles/" + encodeURIComponent(o.article);
          detail.appendChild(a);
        }
        if (o.reason) { detail.appendChild(document.createTextNode(o.reason)); }
        row.appendChild(name);
        row.appendChild(el("td", null, o.outcome + (o.stage ? " at " + o.stage : "")));
        row.appendChild(detail);
        body.appendChild(row);
      });
      table.appendChild(body);
      result.appendChild(table);
    }
    if (job.stories.length) {
      result.appendChild(el("p", null, "Updated stories:"));
      var stories = el("ul", "job-stories");
      job.stories.forEach(function (s) {
        var title = (job.story_titles && job.story_titles[s]) || "Untitled story";
        var li = el("li"), a = el("a", null, title);
        a.dir = "auto";
        a.href = "/stories/" + encodeURIComponent(s);
        li.appendChild(a); stories.appendChild(li);
      });
      result.appendChild(stories);
    }
    return true;
  }
  function poll() {
    fetch("/api/jobs/" + encodeURIComponent(id), { headers: { "accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (job) {
        if (job && show(job)) { return; }
        setTimeout(poll, 400);
      })
      .catch(function () { setTimeout(poll, 1500); });
  }
  var state = box.getAttribute("data-state");
  if (state !== "done" && state !== "failed") { poll(); }
}());

// Story page: the evidence pop-up drawn by dossier.js gets a link to the sentence on its
// article page (a path on this app, built by the server; nothing else is linked).
(function () {
  "use strict";
  var holder = document.getElementById("storyline-data");
  var pop = document.getElementById("cite-pop");
  if (!holder || !pop) { return; }
  var sources = {};
  JSON.parse(holder.textContent).sources.forEach(function (s) { sources[String(s.n)] = s; });
  // Registered after dossier.js's listener, so it runs once the pop-up is drawn.
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest ? ev.target.closest("a.cite") : null;
    if (!link || pop.hidden) { return; }
    var s = sources[link.getAttribute("data-src")];
    if (!s || typeof s.href !== "string" || s.href.charAt(0) !== "/" || s.href.charAt(1) === "/") { return; }
    var line = document.createElement("p");
    line.className = "pop-open";
    var a = document.createElement("a");
    a.textContent = "Open the sentence in its article";
    a.href = s.href;
    line.appendChild(a);
    pop.appendChild(line);
  });
}());

// Keyboard: a run of citation markers ("[3][4][7]") is one tab stop; the arrow keys
// move between its markers. The timeline is drawn again on every filter change, so
// its groups are set up again after each click.
(function () {
  "use strict";
  var GROUPS = ".cites, .tl-src";
  function rove(root) {
    root.querySelectorAll(GROUPS).forEach(function (group) {
      var links = group.querySelectorAll("a.src-link, a.cite");
      links.forEach(function (a, i) { a.tabIndex = i === 0 ? 0 : -1; });
    });
  }
  rove(document);
  document.addEventListener("click", function (ev) {
    if (ev.target.closest && ev.target.closest(".filters")) { rove(document); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "ArrowRight" && ev.key !== "ArrowLeft") { return; }
    var link = ev.target.closest ? ev.target.closest("a.src-link, a.cite") : null;
    var group = link && link.closest(GROUPS);
    if (!group) { return; }
    var links = Array.prototype.slice.call(group.querySelectorAll("a.src-link, a.cite"));
    var i = links.indexOf(link) + (ev.key === "ArrowRight" ? 1 : -1);
    if (i < 0 || i >= links.length) { return; }
    ev.preventDefault();
    link.tabIndex = -1; links[i].tabIndex = 0; links[i].focus();
  });
}());

// A link to something inside a folded section opens the section first.
(function () {
  "use strict";
  function unfold() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    var fold = target.closest("details");
    if (fold && !fold.open) { fold.open = true; target.scrollIntoView(); }
    var inner = target.querySelector && target.querySelector("details.fold");
    if (inner && !inner.open) { inner.open = true; }
  }
  window.addEventListener("hashchange", unfold);
  unfold();
}());

// Sortable tables: each header of a table.sortable becomes a button; numbers sort as
// numbers, the rest as text in the reader's language.
(function () {
  "use strict";
  function value(row, i) {
    var cell = row.cells[i];
    return cell ? cell.textContent.trim() : "";
  }
  function compare(a, b) {
    var x = parseFloat(a.replace(/^C/, "")), y = parseFloat(b.replace(/^C/, ""));
    if (!isNaN(x) && !isNaN(y) && /^C?\d/.test(a) && /^C?\d/.test(b)) { return x - y; }
    return a.localeCompare(b);
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.replaceChildren(button);
      button.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) { var c = compare(value(a, i), value(b, i)); return up ? c : -c; });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
}());
