/* Katalog Pelatihan Kerja: the only script of the site besides Material's bundle.
 *
 * 1. Material's helpers (__md_scope, __md_hash, __md_get, __md_set), which Material normally
 *    writes as an inline script; here they come from a file so a strict CSP works.
 * 2. Live status: every element with class "run" and data-run-id / data-opens / data-closes /
 *    data-end gets its status (badge, note, Daftar button) recomputed for today's date in WIB,
 *    and on course pages the form service is asked for applicant counts
 *    (GET <form-url>/api/runs/<center>/<course>/<run>).
 *    Page scripts that add runs later use the same rule through window.katalog.
 * 3. A tiny ResizeObserver stand-in for old browsers: without it Material's bundle would fetch
 *    a polyfill from unpkg.com, a request to a third party. The stand-in reports each observed
 *    element's size once, which is enough for the layout of these pages.
 * Without JavaScript the pages are complete: the status is the one computed at build time.
 */
/* global __md_scope:writable, __md_hash:writable, __md_get:writable, __md_set:writable */
var __md_scope = new URL("../..", document.currentScript.src);
var __md_hash = function (e) {
  return [].reduce.call(e, function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
};
var __md_get = function (e, s, t) {
  s = s || localStorage; t = t || __md_scope;
  return JSON.parse(s.getItem(t.pathname + "." + e));
};
var __md_set = function (e, v, s, t) {
  s = s || localStorage; t = t || __md_scope;
  try { s.setItem(t.pathname + "." + e, JSON.stringify(v)); } catch (err) { /* storage full */ }
};

if (typeof window.ResizeObserver === "undefined") {
  window.ResizeObserver = function (callback) {
    this.observe = function (el) {
      var rect = el.getBoundingClientRect();
      setTimeout(function () { callback([{ target: el, contentRect: rect }]); }, 0);
    };
    this.unobserve = function () {};
    this.disconnect = function () {};
  };
}

(function () {
  "use strict";
  /* The badges' words, as catalog/status.py has them: overrides/main.html writes them into a
     meta element, read in start() (this file loads before that element). */
  var LABELS = {};

  function readLabels() {
    try {
      var meta = document.querySelector('meta[name="katalog-status-labels"]');
      return JSON.parse(meta.getAttribute("content")) || {};
    } catch (err) {
      return {};
    }
  }

  /* Today's date in Jakarta (UTC+7, no daylight saving) as YYYY-MM-DD. */
  function todayWib() {
    return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  }

  /* The same rule as catalog/status.py; ISO dates compare as strings. */
  function statusFor(opens, closes, end, today) {
    if (today < opens) return "akan-dibuka";
    if (today <= closes) return "dibuka";
    if (today <= end) return "ditutup";
    return "selesai";
  }

  function statusOn(el, today) {
    return statusFor(el.getAttribute("data-opens"), el.getAttribute("data-closes"),
      el.getAttribute("data-end"), today);
  }

  /* "Jumat, 22 Januari 2027", as the site writes dates; null where the browser has no
     Indonesian date names (the note is then hidden rather than shown in another language). */
  function longDate(iso) {
    if (!window.Intl || !Intl.DateTimeFormat.supportedLocalesOf(["id"]).length) return null;
    return new Date(iso + "T00:00:00Z").toLocaleDateString("id-ID", {
      weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
    });
  }

  /* The same sentences as site_builder/fragments.py registration_note. */
  function noteFor(el, status) {
    if (status === "akan-dibuka" || status === "dibuka") {
      var opens = status === "akan-dibuka";
      var day = longDate(el.getAttribute(opens ? "data-opens" : "data-closes"));
      if (!day) return null;
      return (opens ? "Pendaftaran dibuka " : "Daftar paling lambat ") + day;
    }
    return status === "ditutup" ? "Pendaftaran sudah ditutup" : "Pelatihan sudah selesai";
  }

  function setStatus(el, status) {
    if (!LABELS[status] || el.getAttribute("data-status") === status) return;
    el.setAttribute("data-status", status);
    var badge = el.querySelector(".run-status");
    if (badge) {
      badge.className = "run-status status-" + status;
      badge.textContent = LABELS[status];
    }
    var note = el.querySelector(".run-item__note");
    if (note) {
      var text = noteFor(el, status);
      note.hidden = text === null;
      if (text !== null) note.textContent = text;
    }
    var button = el.querySelector("a.daftar-button");
    if (button) button.hidden = status !== "dibuka";
  }

  function showCounts(el, data) {
    var slot = el.querySelector(".run-applicants");
    if (!slot || typeof data.registered !== "number" || typeof data.quota !== "number") return;
    var text = data.registered + " pendaftar untuk " + data.quota + " kursi";
    if (data.waitlist) text += ", " + data.waitlist + " di daftar tunggu";
    slot.textContent = text;
  }

  function askFormService(el, formUrl) {
    var id = el.getAttribute("data-run-id");
    fetch(formUrl + "/api/runs/" + id, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.status) setStatus(el, data.status);
        showCounts(el, data);
      })
      .catch(function () { /* the form service is optional: keep the built page */ });
  }

  /* Today's status of every run element inside `root`. */
  function refresh(root) {
    var today = todayWib();
    var runs = root.querySelectorAll(".run[data-run-id]");
    for (var i = 0; i < runs.length; i++) setStatus(runs[i], statusOn(runs[i], today));
  }

  /* For page scripts that add runs to a page (saring.js): the same rule and the same update. */
  window.katalog = {
    status: function (opens, closes, end) { return statusFor(opens, closes, end, todayWib()); },
    refresh: function (root) {
      if (!Object.keys(LABELS).length) LABELS = readLabels();
      refresh(root);
    }
  };

  function start() {
    LABELS = readLabels();
    refresh(document);
    var meta = document.querySelector('meta[name="katalog-form-url"]');
    if (!meta || !window.fetch) return;
    var formUrl = meta.getAttribute("content").replace(/\/+$/, "");
    var rows = document.querySelectorAll("table.runs tr.run[data-run-id]");
    for (var j = 0; j < rows.length; j++) {
      if (rows[j].getAttribute("data-status") !== "selesai") askFormService(rows[j], formUrl);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
