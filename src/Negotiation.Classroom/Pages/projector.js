// The projector view: every group's round, who it waits for, how each negotiation stands and what happened, in
// sentences; the controls; live (server-sent events), polling should the stream fail. Text only via textContent.
const key = new URLSearchParams(location.search).get('key') || '';
const id = location.pathname.split('/').pop();
const $ = i => document.getElementById(i);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
const call = (path, method = 'GET', body) => fetch(`/api/sessions/${id}${path}`, {
  method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
let session = null, formReady = false;

$('note').href = `/sessions/${id}/note?key=${encodeURIComponent(key)}`;
$('debrief').href = `/sessions/${id}/debrief?key=${encodeURIComponent(key)}`;
$('desk').href = `/sessions/${id}/desk?key=${encodeURIComponent(key)}`;
$('pause').onclick = () => call('/pause', 'POST');
$('resume').onclick = () => call('/resume', 'POST');
// The computer moves for everyone still asked, in every group: it cannot be undone, so it is confirmed (issue 19).
$('advance').onclick = () => { if (confirm('Advance every group a round? The computer moves for everyone still to move, and this cannot be undone.')) call('/advance', 'POST', {}); };
// The round time can change during the class: from the next seat asked on.
$('set-time').onclick = async () => {
  const value = $('round-time').value.trim();
  const r = await call('/timer', 'POST', { roundSeconds: value === '' ? null : +value });
  const answer = await r.json().catch(() => ({ errors: ['the server did not answer'] }));
  $('time-answer').textContent = r.ok ? (answer.roundSeconds ? `Each round now lasts ${answer.roundSeconds} s from the next seat asked.` : 'No round timer from now on.') : `Refused: ${answer.errors.join('; ')}`;
};

function describe(w) {
  const change = w.unlock ? `opens ${w.unlock.option} (${w.unlock.term}) to ${w.unlock.party}` : w.lock ? `closes ${w.lock.option} (${w.lock.term}) to ${w.lock.party}`
    : w.set ? `sets ${w.set.party}'s ${w.set.field} to ${w.set.value}` : '';
  return [w.text, change].filter(Boolean).join(': ');
}

async function announce(world) {
  const group = $('w-group').value;
  const r = await call('/world', 'POST', group ? { ...world, group: +group } : world);
  const answer = await r.json().catch(() => ({ errors: ['the server did not answer'] }));
  $('w-answer').textContent = r.ok
    ? `Announced: ${answer.announced.map(a => `group ${a.group} from round ${a.round}`).join(', ')}${answer.refused.length ? '; refused in ' + answer.refused.join('; ') : ''}.`
    : `Refused: ${answer.errors.join('; ')}`;
  $('w-answer').className = r.ok ? 'status' : 'error';
}

function buildForm(s) {
  for (const g of s.groups) { const o = el('option', `group ${g.group}`); o.value = g.group; $('w-group').appendChild(o); }
  for (const p of s.parties) { const o = el('option', p); o.value = p; $('w-party').appendChild(o); }
  for (const t of s.terms) { const o = el('option', t.term); o.value = t.term; $('w-term').appendChild(o); }
  const options = () => { $('w-opt').replaceChildren(...s.terms.find(t => t.term === $('w-term').value).options.map(o => { const x = el('option', o); x.value = o; return x; })); };
  const kind = () => { const k = $('w-kind').value; $('w-change').hidden = k === 'news'; $('w-option').hidden = k === 'set'; $('w-set').hidden = k !== 'set'; };
  $('w-term').onchange = options; $('w-kind').onchange = kind; options(); kind();
  $('w-go').onclick = e => {
    e.preventDefault();
    const k = $('w-kind').value, world = {};
    if ($('w-text').value.trim()) world.text = $('w-text').value;
    if (k === 'lock' || k === 'unlock') world[k] = { party: $('w-party').value, term: $('w-term').value, option: $('w-opt').value };
    if (k === 'set') world.set = { party: $('w-party').value, field: $('w-field').value, value: +$('w-value').value };
    announce(world);
  };
  // A scripted event announced now is brought forward: it happens from the next round, not again in its own.
  for (const w of s.scripted) {
    const li = el('li', `Scripted for round ${w.round}: ${describe(w)} `);
    const b = el('button', 'Announce it now'); b.onclick = () => { const { round, ...world } = w; for (const k of Object.keys(world)) if (world[k] === null) delete world[k]; announce(world); };
    li.appendChild(b); $('scripted').appendChild(li);
  }
}

function show(s) {
  session = s;
  if (!formReady) { buildForm(s); formReady = true; $('round-time').value = s.roundSeconds ?? ''; }
  // A clean title for the room (issue 19); the session's id is for the instructor, in the page's own title.
  $('title').textContent = s.title;
  document.title = `${s.title} (${s.session})`;
  $('status').textContent = s.paused ? 'Paused: no round closes.' : s.groups.every(g => g.concluded) ? 'Every group has concluded: see the debrief.' : 'Running.';
  const table = $('groups'); table.replaceChildren();
  const head = el('tr'); for (const h of ['group', 'round', 'waiting for', 'negotiations', 'latest in public', '']) head.appendChild(el('th', h)); table.appendChild(head);
  for (const g of s.groups) {
    const tr = el('tr');
    const advance = el('button', 'Advance'); advance.onclick = () => call('/advance', 'POST', { group: g.group }); advance.disabled = g.concluded;
    const act = el('td'); act.appendChild(advance);
    tr.append(el('td', g.group), el('td', g.concluded ? `${g.round} (concluded)` : g.round), el('td', g.failed ? `failed: ${g.failed}` : g.waitingFor.join(', ') || '-'),
      el('td', g.outcomes.map(o => `${o.vendor}: ${o.result}${o.litigation ? ' (' + o.litigation + ')' : ''}`).join('; ')),
      // One line per group of what just happened in public, readable from the back of the room.
      el('td', ((g.minutes || []).map(l => l.trim()).filter(l => l && !/^Rounds? \d/.test(l)).at(-1)) || '', 'latest'), act);
    table.appendChild(tr);
  }
  const minutes = $('minutes'); minutes.replaceChildren();
  for (const g of s.groups) {
    if (!g.minutes) continue;
    const box = el('div', undefined, 'group'); box.appendChild(el('h2', `Group ${g.group}`));
    const list = el('ol', undefined, 'feed'); for (const line of g.minutes) list.appendChild(el('li', line.trim(), /^Rounds? \d/.test(line) ? 'round' : ''));
    // A box that scrolls is reached by the keyboard too, and says what it holds.
    list.tabIndex = 0; list.setAttribute('aria-label', `Group ${g.group}: what happened in public`);
    box.appendChild(list); minutes.appendChild(box); list.scrollTop = list.scrollHeight;
  }
}

async function poll() {
  const r = await call('');
  if (!r.ok) { $('status').textContent = r.status === 401 ? 'This page needs the instructor key in its address.' : 'No such session.'; return; }
  show(await r.json());
}

if (window.EventSource) {
  const live = new EventSource(`/api/sessions/${id}/live?key=${encodeURIComponent(key)}`);
  live.onmessage = e => show(JSON.parse(e.data));
  live.onerror = () => { live.close(); poll(); setInterval(poll, 1000); };
} else {
  poll(); setInterval(poll, 1000);
}
