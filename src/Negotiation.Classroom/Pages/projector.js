// The projector view: every group's round, who it waits for and how each negotiation stands, refreshed every second.
const key = new URLSearchParams(location.search).get('key') || '';
const id = location.pathname.split('/').pop();
const $ = i => document.getElementById(i);
const el = (tag, text) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; };
const call = (path, method = 'GET') => fetch(`/api/sessions/${id}${path}`, { method, headers: { Authorization: `Bearer ${key}` } });

$('pause').onclick = () => call('/pause', 'POST').then(refresh);
$('resume').onclick = () => call('/resume', 'POST').then(refresh);
$('advance').onclick = () => call('/advance', 'POST').then(refresh);

async function refresh() {
  const r = await call('');
  if (!r.ok) { $('status').textContent = r.status === 401 ? 'This page needs the instructor key in its address.' : 'No such session.'; return; }
  const s = await r.json();
  $('title').textContent = `${s.scenario}: ${s.session}`;
  $('status').textContent = s.paused ? 'Paused: no round closes.' : 'Running.';
  const table = $('groups'); table.replaceChildren();
  const head = el('tr'); for (const h of ['group', 'round', 'waiting for', 'negotiations']) head.appendChild(el('th', h)); table.appendChild(head);
  for (const g of s.groups) {
    const tr = el('tr');
    tr.append(el('td', g.group), el('td', g.concluded ? `${g.round} (concluded)` : g.round), el('td', g.failed ? `failed: ${g.failed}` : g.waitingFor.join(', ') || '-'),
      el('td', g.outcomes.map(o => `${o.vendor}: ${o.result}`).join('; ')));
    table.appendChild(tr);
  }
}
refresh(); setInterval(refresh, 1000);
