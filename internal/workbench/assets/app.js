// The workbench page: an editor for one scenario file, and the report of
// what it says, kept current as the text changes here or on disk. Text
// from the file reaches the page only through textContent and form
// values; the report is HTML the server's escaping renderer wrote.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const text = $('text');
  const gutter = $('gutter');
  const backdrop = $('backdrop');
  const report = $('report');
  const problemList = $('problems');
  const state = $('state');
  const notice = $('notice');
  const saveButton = $('save');
  const togglesBox = $('toggles');
  const comparison = $('comparison');
  const whatIfError = $('whatif-error');
  const applied = $('applied');
  const searching = $('searching');
  const staleNote = $('stale-note');

  const pollEvery = 1000; // ms between looks at the file on disk

  let disk = { version: '', text: '' }; // the file as last loaded or saved
  let problems = [];
  const chosen = new Set(); // "key=value" of the what-ifs switched on
  const sections = new Map(); // the report's sections shown, by id: {box, html}
  let pending = null; // the AbortController of the request in flight
  let timer = 0;
  let typedAt = 0; // performance.now() of the keystroke not yet answered
  let timing = null; // where the time of the last answer went (see ask)
  let shownOffered = null; // the what-ifs offered, as JSON, once shown
  let lines = -1;
  let diskNote = 'as on disk'; // what the state says while the text is the file's
  let saving = false; // a save is in flight
  let saveAgain = false; // Ctrl-S or Save during it: save again after it

  // The key the API asks for comes in the fragment of the address the
  // one-time token sends the browser on to (/#key=K): a browser sends no
  // fragment to any server. The page keeps it in localStorage, which is
  // this origin's alone (scheme, host and port, unlike cookies, which
  // every port of the host receives), and which, unlike sessionStorage,
  // outlives the tab: the page opens again at its address for as long
  // as the server runs, as the session cookie lets it. A key kept from an
  // earlier server is worth nothing: each server makes its own. The
  // fragment then leaves the address bar (browsers may still keep the
  // address they were sent to in their own records).
  const keyName = 'entente-key';
  const fragment = new URLSearchParams(location.hash.slice(1));
  const offered = fragment.get('key') || '';
  if (fragment.has('key')) {
    history.replaceState(null, '', location.pathname + location.search);
  }
  let key = '';
  try {
    key = localStorage.getItem(keyName) || '';
  } catch (e) {
    // Storage refused: the key lives as long as the page.
  }

  // adopt takes the key the address offers once the server accepts it.
  // A page of another server on this host can send the browser here with
  // a key of its own (the session cookie goes along, the site being the
  // same); kept unchecked, it would replace the good one and shut this
  // page out until the server restarts.
  async function adopt() {
    if (!offered || offered === key) return;
    try {
      const r = await fetch('/api/version', { headers: { 'X-Entente': offered, 'X-Entente-Page': pageID }, credentials: 'same-origin' });
      if (!r.ok) return;
    } catch (e) {
      return;
    }
    key = offered;
    try {
      localStorage.setItem(keyName, key);
    } catch (e) {
      // Storage refused: the key lives as long as the page.
    }
  }

  // The session cookie, HttpOnly, goes with every request by itself; the
  // X-Entente header carries the key, which says the request comes from
  // this page (no page of another origin can send the header, and no
  // other server on this host has the key), and X-Entente-Page names this
  // page, so that the server stops an evaluation this page no longer
  // waits for.
  const pageID = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  function api(path, options = {}) {
    options.headers = Object.assign({ 'X-Entente': key, 'X-Entente-Page': pageID }, options.headers || {});
    options.credentials = 'same-origin';
    return fetch(path, options);
  }

  function say(message, bad = false) {
    state.textContent = message;
    state.classList.toggle('bad', bad);
  }

  function edited() {
    return text.value !== disk.text;
  }

  function sayEdited() {
    say(edited() ? 'edited, not saved' : diskNote);
    saveButton.disabled = !edited() && problems.length === 0;
  }

  // paint draws the line numbers and marks each problem at its line and
  // column.
  function paint() {
    const value = text.value;
    const all = value.split('\n');
    const bad = new Map(); // line → messages
    for (const p of problems) {
      if (p.line > 0) {
        const m = bad.get(p.line) || [];
        m.push(describe(p));
        bad.set(p.line, m);
      }
    }
    if (all.length !== lines || bad.size > 0 || gutter.dataset.bad !== '0') {
      gutter.replaceChildren();
      let run = '';
      for (let i = 1; i <= all.length; i++) {
        if (bad.has(i)) {
          if (run) gutter.append(run);
          run = '';
          const n = document.createElement('span');
          n.className = 'bad';
          n.dataset.line = String(i);
          n.title = bad.get(i).join('\n');
          n.textContent = '✖ ' + i;
          gutter.append(n, '\n');
        } else {
          run += i + '\n';
        }
      }
      if (run) gutter.append(run);
      lines = all.length;
      gutter.dataset.bad = String(bad.size);
    }
    // The backdrop holds the same text, invisible, with a mark at each
    // problem's place; with no problem it holds nothing, so that a large
    // file is not laid out twice for each keystroke.
    const places = [];
    for (const p of problems) {
      if (p.line > 0 && p.line <= all.length) {
        let offset = 0;
        for (let i = 0; i < p.line - 1; i++) offset += all[i].length + 1;
        const chars = Array.from(all[p.line - 1]);
        const col = Math.max(1, p.column || 1);
        offset += chars.slice(0, col - 1).join('').length;
        places.push(offset);
      }
    }
    places.sort((a, b) => a - b);
    backdrop.replaceChildren();
    if (places.length === 0) {
      follow();
      return;
    }
    let at = 0;
    for (const offset of places) {
      if (offset < at) continue;
      backdrop.append(value.slice(at, offset));
      const mark = document.createElement('mark');
      const ch = value.slice(offset, offset + 1);
      mark.textContent = ch === '' || ch === '\n' ? ' ' : ch;
      backdrop.append(mark);
      at = ch === '' || ch === '\n' ? offset : offset + 1;
    }
    backdrop.append(value.slice(at) + '\n');
    follow();
  }

  function describe(p) {
    let s = p.line > 0 ? p.line + ':' + p.column + ': ' : '';
    if (p.path) s += p.path + ': ';
    return s + p.message;
  }

  function follow() {
    gutter.scrollTop = text.scrollTop;
    backdrop.scrollTop = text.scrollTop;
    backdrop.scrollLeft = text.scrollLeft;
  }

  function showProblems() {
    problemList.replaceChildren();
    for (const p of problems) {
      const li = document.createElement('li');
      li.textContent = '✖ ' + describe(p);
      li.dataset.line = String(p.line);
      li.addEventListener('click', () => jump(p));
      problemList.append(li);
    }
  }

  // jump puts the caret at a problem's place.
  function jump(p) {
    if (p.line < 1) return;
    const all = text.value.split('\n');
    let offset = 0;
    for (let i = 0; i < p.line - 1 && i < all.length; i++) offset += all[i].length + 1;
    offset += Math.max(0, (p.column || 1) - 1);
    text.focus();
    text.setSelectionRange(offset, offset);
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(evaluate, delay);
  }

  function query() {
    const q = new URLSearchParams();
    for (const c of Array.from(chosen).sort()) {
      const i = c.indexOf('=');
      q.append(c.slice(0, i), c.slice(i + 1));
    }
    return q.toString();
  }

  // ask posts the text for evaluation; null means the request was
  // superseded or refused (the state then says why).
  async function ask(q, control) {
    try {
      const sent = performance.now();
      const r = await api('/api/evaluate?' + q, {
        method: 'POST',
        body: text.value,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Entente-Shown': shownSections() },
        signal: control.signal,
      });
      const headed = performance.now();
      const answer = await r.json();
      if (pending !== control) return null;
      // Where the time of an answer went, for the latency test: from
      // sending to the first byte back (the server), then to the whole
      // answer read and parsed (transfer).
      timing = { sent: sent, server: headed - sent, transfer: performance.now() - headed };
      if (!r.ok) {
        say(answer.error || 'the server refused: ' + r.status, true);
        return null;
      }
      return answer;
    } catch (e) {
      if (e.name !== 'AbortError' && pending === control) {
        say('the server did not answer: ' + e.message, true);
      }
      return null;
    }
  }

  // evaluate asks three times: quick, for the findings at once; then
  // with the picture, which takes longer to draw and to show; then in
  // full, with the deal search and the comparison. Until each comes, the
  // sections it brings are marked stale. A newer evaluation aborts them
  // all, and the server stops working on them.
  async function evaluate() {
    if (pending) pending.abort();
    const control = new AbortController();
    pending = control;
    const asked = typedAt;
    const q = query();
    const and = q ? q + '&' : '';
    const quick = await ask(and + 'quick=1', control);
    if (quick === null) return;
    const shown = performance.now();
    show(quick);
    if (asked > 0 && typedAt === asked) {
      const now = performance.now();
      document.body.dataset.latency = (now - asked).toFixed(1);
      document.body.dataset.phases = JSON.stringify({
        wait: timing.sent - asked,
        server: timing.server,
        transfer: timing.transfer,
        page: now - shown,
      });
      typedAt = 0;
    }
    document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
    if (quick.problems.length > 0) {
      pending = null;
      searching.hidden = true;
      return;
    }
    searching.textContent = 'Drawing the picture…';
    searching.hidden = false;
    const picture = await ask(and + 'picture=1', control);
    if (picture === null) {
      if (pending === control) searching.hidden = true; // refused, not superseded
      return;
    }
    show(picture);
    if (asked > 0) document.body.dataset.pictured = (performance.now() - asked).toFixed(1);
    searching.textContent = 'Searching for deals and comparing…';
    const full = await ask(q, control);
    if (full === null) {
      if (pending === control) searching.hidden = true;
      return;
    }
    pending = null;
    searching.hidden = true;
    show(full);
    document.body.dataset.full = String(Number(document.body.dataset.full || 0) + 1);
  }

  function show(answer) {
    problems = answer.problems || [];
    paint();
    showProblems();
    if (problems.length > 0) {
      // The last good answer stays, marked out of date.
      report.classList.add('stale');
      staleNote.hidden = report.childElementCount === 0;
      say(problems.length === 1 ? '1 problem in the text' : problems.length + ' problems in the text', true);
      saveButton.disabled = false;
      return;
    }
    report.classList.remove('stale');
    staleNote.hidden = true;
    render(answer.report, !answer.quick, answer.sections || {});
    report.dataset.verdict = answer.verdict;
    showToggles(answer.offered);
    applied.textContent = answer.applied.length ? '(' + answer.applied.join(', ') + ')' : '';
    if (!answer.quick) {
      comparison.textContent = answer.comparison || '';
      comparison.hidden = !answer.comparison;
    }
    whatIfError.textContent = answer.whatIfError || '';
    whatIfError.hidden = !answer.whatIfError;
    sayEdited();
  }

  // shownSections lists the report's sections the page shows, with the
  // hash the server gave each, so that the server leaves out those that
  // have not changed.
  function shownSections() {
    const pairs = [];
    for (const [id, shown] of sections) {
      if (id && shown.hash) pairs.push(id + ':' + shown.hash);
    }
    return pairs.join(',');
  }

  // render puts the report's sections in the page. The report is HTML
  // from the server's escaping renderer (htmlreport.WriteFragment), cut
  // at its sections; nothing else is put in as HTML. A section whose
  // HTML has not changed keeps its nodes, so a large picture is not
  // drawn again for each keystroke. A quick answer lacks the deal
  // search: the section shown stays, marked stale, until the full one.
  function render(html, full, hashes) {
    const parts = html.split(/\n(?=<section id=")/);
    const seen = new Set();
    let prev = null;
    let lost = false;
    for (const part of parts) {
      const m = /^\s*<section id="([^"]+)"/.exec(part);
      const id = m ? m[1] : '';
      seen.add(id);
      let shown = sections.get(id);
      if (/^<section id="[^"]+" data-unchanged><\/section>$/.test(part)) {
        // Left out by the server: the page shows it as it is.
        if (shown && shown.hash === hashes[id]) {
          shown.box.classList.remove('stale');
          prev = shown.box;
          document.body.dataset.kept = String(Number(document.body.dataset.kept || 0) + 1);
        } else {
          // Not as the server thought: out of date until asked again.
          if (shown) shown.box.classList.add('stale');
          lost = true;
        }
        continue;
      }
      if (!shown) {
        shown = { box: document.createElement('div'), html: null };
        shown.box.className = 'part';
        sections.set(id, shown);
        report.insertBefore(shown.box, prev ? prev.nextSibling : report.firstChild);
      }
      if (shown.html !== part) {
        shown.box.innerHTML = part;
        shown.html = part;
        newTab(shown.box);
      }
      shown.hash = hashes[id] || '';
      shown.box.classList.remove('stale');
      prev = shown.box;
    }
    for (const [id, shown] of sections) {
      if (seen.has(id)) continue;
      if (full) {
        shown.box.remove();
        sections.delete(id);
      } else {
        shown.box.classList.add('stale');
      }
    }
    if (lost) {
      // A section left out that the page no longer shows as the server
      // thought: ask again for every section whole.
      for (const shown of sections.values()) shown.hash = '';
      schedule(0);
      return;
    }
    if (full) {
      // In the report's order, moving only what is out of place.
      let at = report.firstChild;
      for (const part of parts) {
        const m = /^\s*<section id="([^"]+)"/.exec(part);
        const box = sections.get(m ? m[1] : '').box;
        if (box !== at) report.insertBefore(box, at);
        else at = at.nextSibling;
      }
    }
  }

  // newTab makes each link of box to another page (a source's address)
  // open in a new tab, so that following one leaves the edit where it
  // is, and without access to this page (noopener) or its address
  // (noreferrer). Links within the report stay in the page.
  function newTab(box) {
    for (const a of box.querySelectorAll('a[href]')) {
      if (a.getAttribute('href').startsWith('#')) continue;
      a.setAttribute('target', '_blank');
      a.setAttribute('rel', 'noopener noreferrer');
    }
  }

  // showToggles offers the what-ifs of the file. It builds the boxes
  // again only when what is offered changed: at a thousand guarantees
  // that is over a thousand boxes, and most keystrokes leave them as
  // they were (the boxes keep their state, which follows chosen).
  function showToggles(offered) {
    const key = JSON.stringify(offered);
    if (key === shownOffered) return;
    shownOffered = key;
    const groups = [
      ['Leave out a guarantee', offered.guarantees],
      ['Leave out a position', offered.positions],
      ['Leave out an actor', offered.actors],
      ['Vetoes', offered.vetoes],
    ];
    const known = new Set();
    const box = document.createDocumentFragment();
    for (const [title, list] of groups) {
      if (!list || list.length === 0) continue;
      const set = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.textContent = title;
      set.append(legend);
      for (const t of list) {
        const key = t.key + '=' + t.value;
        known.add(key);
        const label = document.createElement('label');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.dataset.toggle = key;
        box.checked = chosen.has(key);
        box.addEventListener('change', () => {
          if (box.checked) chosen.add(key);
          else chosen.delete(key);
          schedule(0);
        });
        label.append(box, ' ' + t.label);
        set.append(label);
      }
      box.append(set);
    }
    for (const key of Array.from(chosen)) {
      if (!known.has(key)) chosen.delete(key); // gone from the file
    }
    togglesBox.replaceChildren(box);
  }

  // load reads the file from disk into the editor, unless the text
  // changed while it was asked (keystrokes are never lost): the edit is
  // then kept, and the notice says the file on disk changed.
  async function load(why) {
    const sent = text.value;
    const r = await api('/api/file');
    const f = await r.json();
    if (!r.ok) {
      say(f.error, true);
      return;
    }
    if (text.value !== sent) {
      if (f.version !== disk.version) changedOnDisk(f.version);
      return;
    }
    disk = { version: f.version, text: f.text };
    text.value = f.text;
    notice.hidden = true;
    lines = -1;
    paint();
    diskNote = why;
    say(why);
    schedule(0);
  }

  async function poll() {
    // A save changes the file on disk before its answer comes: that is
    // not another editor's change.
    if (saving) return;
    try {
      const r = await api('/api/version');
      const f = await r.json();
      if (saving) return;
      if (!r.ok) {
        say(f.error || 'the server refused: ' + r.status, true);
        return;
      }
      if (f.version === disk.version || f.version === notice.dataset.version) return;
      if (!edited()) {
        await load('loaded again: the file changed on disk');
        return;
      }
      changedOnDisk(f.version);
    } catch (e) {
      say('the server did not answer: ' + e.message, true);
    }
  }

  // changedOnDisk says that the file on disk is now version, and no
  // longer what the edit started from: the edit is kept.
  function changedOnDisk(version) {
    notice.dataset.version = version;
    $('notice-text').textContent = 'The file changed on disk since this page loaded it. Your edit is kept, but saving will refuse it.';
    notice.hidden = false;
  }

  // save writes the text. One save at a time: asked during one, it saves
  // once more after it, from the version that one wrote, rather than
  // sending the old version and reporting a false conflict. The text as
  // written replaces the editor's only if the editor still holds what
  // was sent: keystrokes typed during the save are kept.
  async function save() {
    if (saving) {
      saveAgain = true;
      return;
    }
    saving = true;
    try {
      await saveOnce();
    } finally {
      saving = false;
    }
    if (saveAgain) {
      saveAgain = false;
      if (edited()) save();
    }
  }

  async function saveOnce() {
    saveButton.disabled = true;
    const sent = text.value;
    try {
      const r = await api('/api/save', {
        method: 'POST',
        body: sent,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Entente-Version': disk.version },
      });
      const answer = await r.json();
      if (!r.ok) {
        if (answer.problems) {
          problems = answer.problems;
          paint();
          showProblems();
        }
        say(answer.error, true);
        saveButton.disabled = false;
        return;
      }
      disk = { version: answer.version, text: answer.text };
      diskNote = answer.changed ? 'saved' : 'saved: the file already held this';
      if (text.value !== sent) {
        // Typed during the save: kept, and not saved yet.
        say('saved what was sent; what you typed since is kept, not saved yet');
        saveButton.disabled = false;
        schedule(0);
      } else {
        if (text.value !== answer.text) {
          const caret = text.selectionStart;
          text.value = answer.text;
          text.setSelectionRange(caret, caret);
          paint();
          schedule(0);
        }
        say(diskNote);
      }
      document.body.dataset.saved = answer.version;
    } catch (e) {
      say('not saved: the server did not answer: ' + e.message, true);
      saveButton.disabled = false;
    }
  }

  // Each keystroke asks at once, from the input event itself: a timer
  // would wait for the browser to lay out and draw the page, which at a
  // thousand guarantees takes longer than the server's answer. A newer
  // keystroke aborts the older evaluation: the server stops its deal
  // search, though the findings it had begun (tens of milliseconds at a
  // thousand guarantees) run to their end.
  text.addEventListener('input', () => {
    typedAt = performance.now();
    paint();
    sayEdited();
    clearTimeout(timer);
    evaluate();
  });
  text.addEventListener('scroll', follow);
  saveButton.addEventListener('click', save);
  $('reload').addEventListener('click', () => {
    if (edited() && !confirm('Load the file from disk, and lose your edit?')) return;
    load('loaded from disk');
  });
  // Leaving the page (closing the tab, reloading, going back) with an
  // edit not saved: the browser asks first.
  window.addEventListener('beforeunload', (e) => {
    if (!edited()) return;
    e.preventDefault();
    e.returnValue = true; // for browsers that ignore preventDefault here
  });
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') {
      e.preventDefault();
      save();
    }
  });
  adopt().then(() => {
    load('as on disk');
    setInterval(poll, pollEvery);
  });
})();
