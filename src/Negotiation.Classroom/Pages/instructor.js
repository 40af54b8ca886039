// The instructor's opening page: the key comes from the URL the server printed (?key=...).
const key = new URLSearchParams(location.search).get('key') || '';
const $ = id => document.getElementById(id);
const el = (tag, text) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; };

const auth = { headers: { Authorization: `Bearer ${key}` } };
fetch('/api/scenarios', auth).then(r => r.ok ? r.json() : []).then(files => {
  for (const f of files) { const o = el('option', f); o.value = f; $('file').appendChild(o); }
  if (files.length) describe();
});

// A scenario file chosen: its parties as boxes to tick, kept in step with the list of ids below them.
async function describe() {
  const box = $('parties'); box.replaceChildren(el('legend', 'Parties people play (the others the computer plays)'));
  const r = await fetch(`/api/scenarios/${encodeURIComponent($('file').value)}`, auth);
  if (!r.ok) { box.hidden = true; $('about').textContent = ''; return; }
  const s = await r.json();
  $('about').textContent = `${s.title}: ${s.rounds} rounds, seed ${s.seed}.`;
  $('seed').value = s.seed;
  const ticks = s.parties.map(p => {
    const label = el('label'); const tick = el('input'); tick.type = 'checkbox'; tick.value = p.id; tick.checked = true;
    tick.onchange = () => { $('humans').value = ticks.filter(t => t.checked).map(t => t.value).join(', '); };
    label.append(tick, ` ${p.name} (${p.id}${p.agency ? ', the agency' : ''}) `); box.appendChild(label); return tick;
  });
  $('humans').value = ticks.map(t => t.value).join(', ');
  box.hidden = false;
}
$('file').onchange = describe;

$('go').onclick = async e => {
  e.preventDefault();
  const body = { groups: +$('groups').value, seed: +$('seed').value, humans: $('humans').value.split(',').map(s => s.trim()).filter(Boolean) };
  if ($('timer').value) body.roundSeconds = +$('timer').value;
  if ($('yaml').value.trim()) body.scenario = $('yaml').value; else body.scenarioFile = $('file').value;
  const r = await fetch('/api/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
  const answer = await r.json();
  if (r.status !== 201) { $('errors').textContent = answer.errors.map(x => typeof x === 'string' ? x : `line ${x.line}, column ${x.column}: ${x.message}`).join('\n'); return; }
  $('errors').textContent = '';
  const root = $('seats'); root.replaceChildren();
  const link = el('a', 'Open the projector view'); link.href = `/sessions/${answer.session}?key=${encodeURIComponent(key)}`; root.appendChild(el('p')).appendChild(link);
  const cards = el('a', 'Print the seat cards'); cards.href = `/sessions/${answer.session}/seats?key=${encodeURIComponent(key)}`; root.appendChild(el('p')).appendChild(cards);
  // A roster (optional): the students' names, one a line, given to the seats in group then seat order; the cards show them.
  const roster = el('textarea'); roster.rows = 4; roster.cols = 40; roster.id = 'roster';
  const rosterLabel = el('label', 'Roster (optional): one student a line, given to the seats in order '); rosterLabel.appendChild(roster);
  const give = el('button', 'Give the seats these names'); give.type = 'button';
  const said = el('span'); said.setAttribute('aria-live', 'polite');
  give.onclick = async () => {
    const g = await fetch(`/api/sessions/${answer.session}/roster`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'text/csv' }, body: roster.value });
    const body = await g.json().catch(() => ({ errors: ['the server did not answer'] }));
    said.textContent = g.ok ? ` ${body.filter(s => s.student).length} seats named; the cards show them.` : ` Refused: ${body.errors.join('; ')}`;
  };
  root.append(el('p')); root.lastChild.append(rosterLabel, give, said);
  listSessions();
  for (const g of answer.groups) {
    root.appendChild(el('h2', `Group ${g.group}`));
    const list = el('ul');
    for (const s of g.seats) { const li = el('li', `${s.party}: `); const a = el('a', s.url); a.href = s.url; li.appendChild(a); list.appendChild(li); }
    root.appendChild(list);
  }
};

// Every session the server holds, newest first: a reload, or a restarted server, never loses one (classroom.md 1.1).
async function listSessions() {
  const r = await fetch('/api/sessions', auth).catch(() => null);
  if (!r || !r.ok) return;
  const list = $('sessions'); list.replaceChildren();
  for (const s of await r.json()) {
    const li = el('li', `${s.title} (${s.groups} group${s.groups === 1 ? '' : 's'}, opened ${new Date(s.created).toLocaleString()}${s.concluded ? ', concluded' : ''}): `);
    const projector = el('a', 'projector'); projector.href = `/sessions/${s.session}?key=${encodeURIComponent(key)}`;
    const cards = el('a', 'seat cards'); cards.href = `/sessions/${s.session}/seats?key=${encodeURIComponent(key)}`;
    li.append(projector, ' · ', cards);
    list.appendChild(li);
  }
}
listSessions();
