// The instructor's opening page: the key comes from the URL the server printed (?key=...).
const key = new URLSearchParams(location.search).get('key') || '';
const $ = id => document.getElementById(id);
const el = (tag, text) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; };

fetch('/api/scenarios', { headers: { Authorization: `Bearer ${key}` } }).then(r => r.ok ? r.json() : []).then(files => {
  for (const f of files) { const o = el('option', f); o.value = f; $('file').appendChild(o); }
});

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
  for (const g of answer.groups) {
    root.appendChild(el('h2', `Group ${g.group}`));
    const list = el('ul');
    for (const s of g.seats) { const li = el('li', `${s.party}: `); const a = el('a', `${location.origin}/play/${s.code}`); a.href = `/play/${s.code}`; li.appendChild(a); list.appendChild(li); }
    root.appendChild(list);
  }
};
