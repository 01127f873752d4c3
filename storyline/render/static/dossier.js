// storyline dossier: interactive timeline and evidence pop-ups.
// Every piece of data is article-derived and untrusted: the DOM is built with
// createElement + textContent only, and links are made only for http(s) URLs.
(function () {
  "use strict";
  var holder = document.getElementById("storyline-data");
  if (!holder) { return; }
  var data = JSON.parse(holder.textContent);
  var sources = {};
  data.sources.forEach(function (s) { sources[String(s.n)] = s; });

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function auto(node) { node.dir = "auto"; return node; }
  // A list of names, each isolated so one right-to-left name cannot reorder the others.
  function names(node, list) {
    list.forEach(function (name, i) {
      if (i) { node.appendChild(document.createTextNode(", ")); }
      node.appendChild(el("bdi", null, name));
    });
    return node;
  }
  function safeHref(url) {
    try {
      var u = new URL(url);
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (e) { return null; }
  }
  function marker(n) {
    var a = el("a", "cite", "[" + n + "]");
    a.href = "#src-" + n;
    a.setAttribute("data-src", String(n));
    a.setAttribute("aria-label", "source " + n);
    return a;
  }

  // ---- evidence pop-up: the exact sentence, its outlet and date
  var pop = document.getElementById("cite-pop");
  var current = null;
  // The pop-up is a dialog that lives next to the marker that opened it (so the
  // keyboard reaches its links right after the marker), takes focus when it opens,
  // and gives it back to the marker when closed with Escape or its button.
  pop.setAttribute("tabindex", "-1");
  function hide(giveBack) {
    var was = current;
    pop.hidden = true; current = null;
    if (giveBack && was) { was.focus(); }
  }
  function place(link) {
    var box = link.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(box.left, width - pop.offsetWidth - 8));
    var parent = pop.offsetParent;
    if (!parent || parent === document.body || parent === document.documentElement) {
      pop.style.top = (window.scrollY + box.bottom + 6) + "px";
      pop.style.left = (window.scrollX + left) + "px";
    } else {
      var origin = parent.getBoundingClientRect();
      pop.style.top = (box.bottom - origin.top + parent.scrollTop + 6) + "px";
      pop.style.left = (left - origin.left + parent.scrollLeft) + "px";
    }
  }
  function show(link) {
    var s = sources[link.getAttribute("data-src")];
    if (!s) { return; }
    pop.replaceChildren();
    pop.appendChild(auto(el("blockquote", null, "“" + s.text + "”")));
    var meta = el("p");
    meta.appendChild(auto(el("strong", null, s.outlet)));
    meta.appendChild(document.createTextNode(", " + s.date + " · sentence " + (s.sentence + 1) + " · [" + s.n + "]"));
    pop.appendChild(meta);
    var line = el("p");
    var href = s.url ? safeHref(s.url) : null;
    if (href) {
      var a = auto(el("a", null, s.title || "untitled"));
      a.href = href; a.rel = "noopener noreferrer"; a.target = "_blank";
      line.appendChild(a);
    } else {
      line.appendChild(auto(el("span", null, s.title || "untitled")));
    }
    pop.appendChild(line);
    var close = el("button", "pop-close", "×");
    close.type = "button"; close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () { hide(true); });
    pop.appendChild(close);
    link.insertAdjacentElement("afterend", pop);
    pop.hidden = false;
    place(link);
    current = link;
    pop.focus();
  }
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest ? ev.target.closest("a.cite") : null;
    if (link) {
      ev.preventDefault();
      if (current === link) { hide(); } else { show(link); }
    } else if (!pop.contains(ev.target)) {
      hide();
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && !pop.hidden) { hide(true); }
  });

  // ---- timeline: a vertical time axis grouped by date, filtered by status and outlet
  var app = document.getElementById("timeline-app");
  if (!app || !data.timeline.length) { return; }
  var active = { status: new Set(data.statuses), outlet: new Set(data.outlets) };
  var count = el("p", "tl-count");
  count.setAttribute("aria-live", "polite");
  var axis = el("ol", "tl-axis");

  // Time between two dates on the axis; a coarse date ("2023", "2023-06") stands for
  // its first day, so gaps involving one are given only roughly, and not under a month.
  function gap(from, to) {
    if (!from || !to) { return ""; }
    var days = Math.round((Date.parse(to.start) - Date.parse(from.start)) / 864e5);
    var exact = from.granularity === "day" && to.granularity === "day";
    if (!(days > 0) || (!exact && days < 45)) { return ""; }
    if (exact && days < 60) { return days + (days === 1 ? " day" : " days") + " later"; }
    var months = Math.max(1, Math.round(days / 30.44));
    if (days < 730) { return "about " + months + (months === 1 ? " month" : " months") + " later"; }
    return "about " + Math.round(days / 365.25) + " years later";
  }
  function filterBar(kind, values, label) {
    var bar = el("div", "filters");
    bar.appendChild(el("span", "filter-label", label));
    values.forEach(function (value) {
      var b = el("button", kind === "status" ? "filter st-" + value : "filter", value);
      b.type = "button";
      b.setAttribute("aria-pressed", "true");
      b.addEventListener("click", function () {
        if (active[kind].has(value)) { active[kind].delete(value); } else { active[kind].add(value); }
        b.setAttribute("aria-pressed", String(active[kind].has(value)));
        draw();
      });
      bar.appendChild(kind === "outlet" ? auto(b) : b);
    });
    return bar;
  }
  function draw() {
    axis.replaceChildren();
    var shown = 0, list = null, lastDate = null, last = null;
    data.timeline.forEach(function (e) {
      if (!active.status.has(e.status)) { return; }
      if (!e.outlets.some(function (o) { return active.outlet.has(o); })) { return; }
      shown += 1;
      if (e.date !== lastDate) {
        var group = el("li", "tl-date");
        var head = el("h3", "tl-date-label", e.label);
        var later = e.start && last ? gap(last, e) : "";
        if (later) { head.appendChild(el("span", "tl-gap", later)); }
        group.appendChild(head);
        list = el("ul", "tl-events");
        group.appendChild(list);
        axis.appendChild(group);
        lastDate = e.date;
        if (e.start) { last = e; }
      }
      var item = el("li", "tl-event st-" + e.status);
      item.appendChild(el("span", "badge st-" + e.status, e.status));
      item.appendChild(auto(el("span", "tl-text", e.text)));
      if (e.entities.length) { item.appendChild(names(el("span", "tl-who"), e.entities)); }
      var src = names(el("span", "tl-src"), e.outlets);
      src.appendChild(document.createTextNode(" "));
      e.refs.forEach(function (n) { src.appendChild(marker(n)); });
      item.appendChild(src);
      list.appendChild(item);
    });
    count.textContent = "Showing " + shown + " of " + data.timeline.length + " entries";
  }

  app.replaceChildren(
    filterBar("status", data.statuses, "Status"),
    filterBar("outlet", data.outlets, "Outlet"),
    count,
    axis
  );
  draw();
}());
