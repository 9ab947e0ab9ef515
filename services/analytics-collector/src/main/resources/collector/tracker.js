/*! Polyclinic web analytics: no cookies, no dependencies. Snippet:
<script defer src="https://GATEWAY/tracker.js" data-site="TRACKING_ID"></script>
Options: data-api (event URL; default: this script's origin + /track), data-include-localhost, data-track-outbound.
API: polyclinic('event', name, props); polyclinic('session') returns the tab's session id (sessionStorage). */
(function (w, d) {
  'use strict';
  var s = d.currentScript;
  if (!s) return;
  var nav = w.navigator, loc = w.location, hist = w.history;
  var site = s.getAttribute('data-site');
  var api = s.getAttribute('data-api') || new URL(s.src).origin + '/track';
  var outbound = s.hasAttribute('data-track-outbound');
  var off = nav.doNotTrack === '1' || w.doNotTrack === '1' || nav.globalPrivacyControl === true ||
    loc.protocol === 'file:' ||
    (!s.hasAttribute('data-include-localhost') && /^(localhost$|127\.|\[::1\]$)/.test(loc.hostname));
  var sid, last;

  function rnd() {
    var a = new Uint8Array(12);
    w.crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }
  try {
    sid = w.sessionStorage.getItem('polyclinic_sid');
    if (!sid) w.sessionStorage.setItem('polyclinic_sid', sid = rnd());
  } catch (e) {
    sid = sid || rnd();
  }

  function send(type, name, props) {
    if (off || !site) return;
    var body = JSON.stringify({
      siteId: site, eventType: type, name: name, url: loc.href, referrer: d.referrer || null,
      timestamp: new Date().toISOString(), sessionId: sid, screenWidth: w.innerWidth, props: props || {}
    });
    if (!(nav.sendBeacon && nav.sendBeacon(api, body))) {
      w.fetch(api, { method: 'POST', body: body, keepalive: true, credentials: 'omit',
        headers: { 'Content-Type': 'text/plain' } }).catch(function () {});
    }
  }

  function page() {
    if (last === loc.href) return;
    last = loc.href;
    send('pageview', 'pageview');
  }

  function props(el) {
    try { return JSON.parse(el.getAttribute('data-track-props')) || {}; } catch (e) { return {}; }
  }

  if (hist.pushState) {
    var push = hist.pushState;
    hist.pushState = function () {
      push.apply(this, arguments);
      page();
    };
    w.addEventListener('popstate', page);
  }
  w.addEventListener('hashchange', page);

  d.addEventListener('click', function (e) {
    var t = e.target && e.target.closest ? e.target : null;
    if (!t) return;
    var el = t.closest('[data-track-click]');
    if (el) send('click', el.getAttribute('data-track-click') || 'click', props(el));
    var a = t.closest('a[href]');
    if (a && a.hasAttribute('data-carry-session')) {
      var u = new URL(a.href);
      u.searchParams.set('pc_session', sid);
      a.href = u.href;
    }
    if (a && outbound && /^https?:$/.test(a.protocol) && a.host !== loc.host) {
      send('outbound', 'Outbound Link: Click', { url: a.href });
    }
  }, true);

  var queued = (w.polyclinic && w.polyclinic.q) || [];
  function polyclinic(command, name, p) {
    if (command === 'event' && name) send('custom', String(name), p);
    return sid;
  }
  polyclinic.sessionId = sid;
  w.polyclinic = polyclinic;
  for (var i = 0; i < queued.length; i++) polyclinic.apply(null, queued[i]);
  page();
})(window, document);
