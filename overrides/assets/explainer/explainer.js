/*
 * Explainer: glossary-term tooltips and participant hover cards.
 *
 * Markup (emitted by the generator, see overrides/explainer/partials/):
 *   <a class="ex-ref ex-ref--term" href="…" aria-describedby="ex-tip-term-x">…</a>
 *   <div class="ex-tips" data-search-exclude>
 *     <div class="ex-tip ex-tip--term" role="tooltip" id="ex-tip-term-x" hidden>…</div>
 *   </div>
 *
 * Behaviour (WCAG 2.2 SC 1.4.13, content on hover or focus):
 *   - hovering or focusing a link shows its tip below it (above when there is no room),
 *     kept inside the viewport;
 *   - hoverable: the pointer can move from the link onto the tip (short grace delay);
 *   - dismissible: Escape hides it without moving focus;
 *   - persistent: it stays until the pointer leaves both, focus leaves, or Escape.
 * Only one tip is visible at a time. Without this script the tips simply stay hidden and
 * the links lead to the term or participant pages.
 *
 * Touch (no hover to preview with): a first tap on a link opens its card in place, with a
 * "Read more" link to its page (worded from the tips' data-more, in the page's language);
 * a second tap on the same link, or the card's link, follows it; a tap elsewhere closes it.
 *
 * Plain ES2017, no dependency, no network. Set up on DOMContentLoaded and again on every
 * `document$` emission of Material's. The plugin refuses Material's navigation.instant:
 * instant pages keep the header, so the language menu would name the previous page's
 * translations (see generator/material_compat.py, check_coexistence).
 */
(function () {
  "use strict";

  if (window.__explainerTips) return; // loaded twice (e.g. instant navigation)
  window.__explainerTips = true;

  /* Material's bundle, on DOMContentLoaded, fetches "sitemap.xml" next to every
   * <link rel="alternate"> of the page, to map pages between separate language *sites*.
   * Here those links are the page's own hreflang translations (absolute, on the production
   * host) and per-language feeds: from a local build or file:// the fetches leave the site,
   * and elsewhere they hit 404s. The header menu and .ex-translations already link each
   * translation directly, so hide the links from that one look (DOMContentLoaded reaches
   * window's capture listeners before Material's listener on document) and put them back
   * right after (window's bubbling listeners run last). Needs this script to be `defer`
   * (or inline at the end of <body>), not `async`. */
  if (document.readyState !== "complete") { // "interactive" when run as a defer script
    var shielded = [];
    window.addEventListener("DOMContentLoaded", function () {
      var found = document.querySelectorAll("link[rel=alternate]"); // Material's selector
      for (var i = 0; i < found.length; i++) {
        shielded.push(found[i]);
        found[i].setAttribute("rel", "x-explainer-alternate");
      }
    }, { capture: true, once: true });
    window.addEventListener("DOMContentLoaded", function () {
      for (var i = 0; i < shielded.length; i++) {
        if (shielded[i].getAttribute("rel") === "x-explainer-alternate") {
          shielded[i].setAttribute("rel", "alternate");
        }
      }
      shielded = [];
    }, { once: true });
  }

  var LINK = "a.ex-ref[aria-describedby]";
  var HIDE_DELAY = 150; // ms to travel between a link and its tip
  var GAP = 6;          // px between a link and its tip
  var MARGIN = 8;       // px kept between a tip and the viewport edges

  var layer = null;     // container in <body> holding the current page's tips
  var current = null;   // { link, tip } shown now
  var hovering = false; // pointer over the current link or its tip
  var hideTimer = 0;
  var touchLink = null; // link under the finger of the tap in progress
  var touchWasOpen = false;

  function tipFor(link) {
    var ids = (link.getAttribute("aria-describedby") || "").split(/\s+/);
    for (var i = 0; i < ids.length; i++) {
      var el = ids[i] && document.getElementById(ids[i]);
      if (el && el.classList.contains("ex-tip")) return el;
    }
    return null;
  }

  function refFrom(target) {
    return target && target.nodeType === 1 && target.closest ? target.closest(LINK) : null;
  }

  function tipFrom(target) {
    return target && target.nodeType === 1 && target.closest ? target.closest(".ex-tip") : null;
  }

  function cancelHide() {
    if (hideTimer) {
      clearTimeout(hideTimer);
      hideTimer = 0;
    }
  }

  /* Focus from the keyboard keeps a tip open; focus left behind by a mouse click
   * (e.g. a ctrl-click opening a new tab) does not outlive the pointer leaving. */
  function keyboardFocused(link) {
    if (document.activeElement !== link) return false;
    try {
      return link.matches(":focus-visible");
    } catch (error) { // browsers without :focus-visible
      return true;
    }
  }

  function scheduleHide() {
    cancelHide();
    hideTimer = setTimeout(function () {
      hideTimer = 0;
      if (!hovering && !(current && keyboardFocused(current.link))) hide();
    }, HIDE_DELAY);
  }

  function hide() {
    cancelHide();
    if (!current) return;
    current.tip.hidden = true;
    current.tip.classList.remove("ex-tip--above");
    dropMore(current.tip);
    current.link.classList.remove("ex-ref--active");
    current = null;
    hovering = false;
  }

  function show(link) {
    var tip = tipFor(link);
    if (!tip) return;
    cancelHide();
    if (current && current.link === link && !tip.hidden) {
      place(link, tip);
      return;
    }
    hide();
    if (!layer || !layer.contains(tip)) adopt();
    current = { link: link, tip: tip };
    tip.hidden = false;
    link.classList.add("ex-ref--active");
    place(link, tip);
  }

  /* Below the link (its last line box), or above it (its first line box) when the
   * viewport has no room below and more above; horizontally clamped to the viewport. */
  function place(link, tip) {
    var rects = link.getClientRects();
    if (!rects.length) return;
    var first = rects[0];
    var last = rects[rects.length - 1];
    var viewW = document.documentElement.clientWidth || window.innerWidth;
    var viewH = document.documentElement.clientHeight || window.innerHeight;

    // Measure where (0, 0) lands, so any positioned ancestor or margin is accounted for.
    tip.style.left = "0px";
    tip.style.top = "0px";
    var origin = tip.getBoundingClientRect();
    var width = origin.width;
    var height = origin.height;

    var below = last.bottom + GAP;
    var above = first.top - GAP - height;
    var roomBelow = viewH - below - MARGIN;
    var roomAbove = first.top - GAP - MARGIN;
    var flip = height > roomBelow && roomAbove > roomBelow;
    var top = flip ? above : below;
    var anchor = flip ? first : last;

    var left = anchor.left;
    if (left + width > viewW - MARGIN) left = viewW - MARGIN - width;
    if (left < MARGIN) left = MARGIN;

    tip.classList.toggle("ex-tip--above", flip);
    tip.style.left = Math.round(left - origin.left) + "px";
    tip.style.top = Math.round(top - origin.top) + "px";
  }

  /* Move this page's tips into a layer directly under <body>: out of the article's
   * typesetting and overflow, positioned in document coordinates. Tips left over from a
   * previous page (instant navigation keeps <body>) are dropped. */
  function adopt() {
    var page = location.href.split("#")[0];
    if (layer && !document.body.contains(layer)) layer = null;
    var sources = document.querySelectorAll(".ex-tips");
    var fresh = [];
    for (var i = 0; i < sources.length; i++) {
      if (!layer || !layer.contains(sources[i])) fresh.push(sources[i]);
    }
    if (!fresh.length && (!layer || layer.getAttribute("data-page") === page)) return;
    if (!layer) {
      layer = document.createElement("div");
      layer.className = "ex-tips-layer";
      document.body.appendChild(layer);
    }
    while (layer.firstChild) layer.removeChild(layer.firstChild);
    for (var j = 0; j < fresh.length; j++) layer.appendChild(fresh[j]);
    layer.setAttribute("data-page", page);
  }

  /* The "Read more" link a card opened by touch carries, to the tapped link's page. */
  function addMore(link, tip) {
    dropMore(tip);
    var holder = tip.closest(".ex-tips") || document.querySelector(".ex-tips");
    var words = (holder && holder.getAttribute("data-more")) || "";
    if (!words) return;
    var more = document.createElement("p");
    more.className = "ex-tip__more";
    var anchor = document.createElement("a");
    anchor.setAttribute("href", link.getAttribute("href"));
    anchor.textContent = words;
    more.appendChild(anchor);
    tip.appendChild(more);
    tip.classList.add("ex-tip--touch");
    place(link, tip);
  }

  function dropMore(tip) {
    var more = tip.querySelector(".ex-tip__more");
    if (more) more.parentNode.removeChild(more);
    tip.classList.remove("ex-tip--touch");
  }

  function setup() {
    hide();
    adopt();
  }

  /* Delegated listeners, bound once: they survive instant navigation. */
  document.addEventListener("mouseover", function (event) {
    var link = refFrom(event.target);
    var tip = link ? null : tipFrom(event.target);
    var from = event.relatedTarget;
    if (link && from && from.nodeType === 1 && link.contains(from)) return; // within the link
    if (link) {
      hovering = true;
      show(link);
    } else if (tip && current && current.tip === tip) {
      hovering = true;
      cancelHide();
    }
  });

  document.addEventListener("mouseout", function (event) {
    if (!current) return;
    var from = refFrom(event.target) || tipFrom(event.target);
    if (from !== current.link && from !== current.tip) return;
    var to = event.relatedTarget;
    if (to && to.nodeType === 1 && (current.link.contains(to) || current.tip.contains(to))) return;
    hovering = false;
    scheduleHide();
  });

  /* A tap: pointerdown (touch) comes before the mouse events and the click the browser
   * makes of it, which would show the tip by "hover" first; so whether the card was open
   * is read here, and acted on at the click. */
  document.addEventListener("pointerdown", function (event) {
    if (event.pointerType !== "touch") {
      touchLink = null;
      return;
    }
    var link = refFrom(event.target);
    touchLink = link;
    touchWasOpen = !!(link && current && current.link === link &&
                      current.tip.classList.contains("ex-tip--touch"));
    if (!link && current && !current.tip.contains(event.target)) {
      hovering = false;
      hide();
    }
  }, true);

  document.addEventListener("click", function (event) {
    var link = refFrom(event.target);
    if (!link || link !== touchLink) return;
    touchLink = null;
    if (touchWasOpen) return; // second tap: follow the link
    var tip = tipFor(link);
    if (!tip) return;
    event.preventDefault();
    show(link);
    addMore(link, tip);
  });

  document.addEventListener("focusin", function (event) {
    var link = refFrom(event.target);
    if (link) show(link);
  });

  document.addEventListener("focusout", function (event) {
    if (!current || event.target !== current.link) return;
    var to = event.relatedTarget;
    if (to && to.nodeType === 1 && current.tip.contains(to)) return;
    if (!hovering) hide();
  });

  document.addEventListener("keydown", function (event) {
    if (!current) return;
    if (event.key === "Escape" || event.key === "Esc") hide();
  }, true);

  window.addEventListener("resize", function () {
    if (current) place(current.link, current.tip);
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
