// The seat page: renders the seat's view from the API (every text through textContent, never as markup) and
// posts the person's moves. The view arrives live (server-sent events), without reloading.
const code = location.pathname.split('/').pop();
const $ = id => document.getElementById(id);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
// The plan (draft, statement) is the plan of one round, draftRound: a push that asks the next round before the answer to
// the last round's moves arrives must not have that answer wipe what the person has begun to plan for the next.
let view = null, draft = {}, statement = '', draftRound = null, streaming = false;
const newPlan = round => { draft = {}; statement = ''; draftRound = round; };
const clearPlan = round => { if (draftRound === round) newPlan(round); };

function worth(terms) {
  let sum = 0;
  for (const t of view.brief.terms) { const o = t.options.find(o => o.option === terms[t.term]); if (o) sum += o.worth; }
  return sum;
}

// When the server cannot be reached the page says so, keeps what the person planned (here and in the
// browser's storage, so a reload keeps it too) and sends it the moment the server answers again.
const pendingKey = `negotiation-pending-${code}`;
function offline(down) {
  const note = $('offline');
  note.hidden = !down;
  note.textContent = down ? 'The server cannot be reached. Your moves are kept on this page and will be sent when it is back.' : '';
}
async function post(round, moves) {
  try {
    const r = await fetch(`/api/seats/${code}/moves`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ round, moves }) });
    offline(false);
    localStorage.removeItem(pendingKey);
    return r;
  } catch {
    localStorage.setItem(pendingKey, JSON.stringify({ round, moves }));
    offline(true);
    return null;
  }
}
async function sendPending() {
  const pending = JSON.parse(localStorage.getItem(pendingKey) || 'null');
  if (!pending) return;
  const r = await post(pending.round, pending.moves);
  if (r) { if (r.status === 202) clearPlan(pending.round); await refresh(); }
}
setInterval(sendPending, 2000);

async function send(moves) {
  const round = view.waiting.round;
  const r = await post(round, moves);
  if (!r) return;
  const box = $('asked');
  // Live, the page marks the round sent itself and the stream pushes the next ask; a GET of our own could answer
  // after a newer push and leave the page showing an older round. A push may already have asked the next round.
  if (r.status === 202) {
    clearPlan(round);
    if (!streaming) await refresh();
    else if (view.waiting && view.waiting.round === round) { view = { ...view, waiting: null }; render(); }
    return;
  }
  const body = await r.json().catch(() => ({ errors: ['the server did not answer'] }));
  // The offer accepted has changed: read the seat again, so the new offer is on the page before anything is sent.
  if (r.status === 409 && body.standing) { await refresh(); $('asked').appendChild(el('p', (body.errors || []).join('; '), 'error')); return; }
  const p = el('p', (body.errors || []).join('; '), 'error'); box.appendChild(p);
}

// Terms by their labels, as the brief names them (classroom.md 1.1: students read names, not ids).
const termLabel = id => (view.brief.terms.find(t => t.term === id) || {}).label || id;
const partyName = id => (view.brief.partyNames || {})[id] || id;

function termsTable(terms) {
  const table = el('table');
  for (const [term, option] of Object.entries(terms || {})) { const tr = el('tr'); tr.dataset.term = term; tr.append(el('th', termLabel(term)), el('td', option)); table.appendChild(tr); }
  return table;
}

function renderNegotiations() {
  const root = $('negotiations'); root.replaceChildren();
  for (const n of view.negotiations) {
    const box = el('div', undefined, 'negotiation');
    box.appendChild(el('h3', `With ${n.withName || partyName(n.with)} (${n.status})`));
    if (n.theirStandingOffer) {
      box.appendChild(el('p', `Their standing offer, round ${n.theirStandingOffer.round}: worth `));
      box.lastChild.appendChild(el('span', n.theirStandingOffer.worth.toFixed(3), 'worth'));
      box.lastChild.append(' to you' + (n.theirStandingOffer.crossesYourRedLines.length ? `; crosses your red lines ${n.theirStandingOffer.crossesYourRedLines.join(', ')}` : ''));
      box.appendChild(termsTable(n.theirStandingOffer.terms));
    }
    if (n.yourStandingOffer) box.appendChild(el('p', `Your standing offer (round ${n.yourStandingOffer.round}) is worth ${n.yourStandingOffer.worth.toFixed(3)} to you.`));
    if (n.threat) box.appendChild(el('p', `A designation threat stands until round ${n.threat.deadlineRound}: respect ${n.threat.redLines.join(', ')}.`));
    if (n.agreement) { box.appendChild(el('p', 'Signed:')); box.appendChild(termsTable(n.agreement)); }
    if (n.yourValue !== null && n.yourValue !== undefined) box.appendChild(el('p', `This ending is worth ${n.yourValue.toFixed(2)} to you.`));
    if (view.waiting && view.waiting.kind === 'moves' && n.status === 'open') box.appendChild(builder(n));
    root.appendChild(box);
  }
  // On a phone the plan ends far below the first Send: a second one where it ends (issue 19).
  if (view.waiting && view.waiting.kind === 'moves' && view.negotiations.some(n => n.status === 'open')) {
    const go = el('button', `Send these moves for round ${view.waiting.round}`); go.onclick = () => send(planned()); root.appendChild(go);
  }
}

const may = (kind, vendor, redLine) => view.allowed.find(m => m.kind === kind && (m.vendor || null) === (vendor || null) && (m.redLine || null) === (redLine || null));

// What the person will do in one negotiation this round: one bargaining move, and the other moves ticked.
function plan(n) {
  return draft[n.vendor] || (draft[n.vendor] = {
    choice: 'pass', extras: [],
    terms: Object.fromEntries(view.brief.terms.map(t => {
      const open = (n.openOptions || {})[t.term];
      return [t.term, (n.yourStandingOffer || {}).terms?.[t.term] || (t.options.find(o => !open || open.includes(o.option)) || t.options[0]).option];
    })),
  });
}

function builder(n) {
  const form = el('form', undefined, 'moves'); form.onsubmit = e => e.preventDefault();
  const p = plan(n);
  form.appendChild(el('p', `Your move with ${n.withName || partyName(n.with)} this round:`));
  for (const [choice, label] of [['offer', 'Make this offer'], ['accept', 'Accept their standing offer'], ['pass', 'Pass']]) {
    const verdict = may(choice, n.vendor);
    const row = el('label'); const radio = el('input'); radio.type = 'radio'; radio.name = `choice-${n.vendor}`; radio.value = choice;
    radio.checked = p.choice === choice; radio.disabled = verdict && !verdict.allowed;
    radio.onchange = () => { p.choice = choice; };
    row.append(radio, ` ${label}${radio.disabled ? ' (not open: ' + verdict.reason + ')' : ''}`);
    form.append(row, el('br'));
  }
  const offer = el('fieldset'); offer.appendChild(el('legend', 'The offer'));
  const shows = el('p'); const update = () => { shows.textContent = `This offer is worth ${worth(p.terms).toFixed(3)} to you.`; };
  for (const t of view.brief.terms) {
    const label = el('label', `${t.label || t.term}: `); const select = el('select'); select.name = t.term;
    // Options the rules close now (a lock, a world event not yet come) are shown greyed: the server says which.
    const open = (n.openOptions || {})[t.term];
    for (const o of t.options) {
      const closed = open && !open.includes(o.option);
      const opt = el('option', `${o.option} (worth ${o.worth.toFixed(3)})${closed ? ' (closed to you now)' : ''}`); opt.value = o.option; opt.disabled = closed;
      opt.selected = p.terms[t.term] === o.option; select.appendChild(opt);
    }
    select.onchange = () => { p.terms[t.term] = select.value; p.choice = 'offer'; form.querySelector(`input[value=offer]`).checked = true; update(); };
    label.appendChild(select); offer.appendChild(label); offer.appendChild(el('br'));
  }
  update(); offer.appendChild(shows); form.appendChild(offer);
  // Beside the bargaining move: the agency's threat and designation, and dropping a red line of one's own.
  // A firm red line can never be dropped: the list of moves below says so once, the builder leaves it out.
  const firm = new Set(view.brief.redLines.filter(l => l.firm).map(l => l.id));
  const extras = view.allowed.filter(m => m.vendor === n.vendor && ['threaten', 'designate', 'drop_red_line', 'ask_same_terms'].includes(m.kind) && !firm.has(m.redLine));
  for (const m of extras) {
    const id = `${m.kind}:${m.redLine || ''}`;
    const row = el('label', undefined, m.allowed ? '' : 'refused'); const box = el('input'); box.type = 'checkbox'; box.disabled = !m.allowed; box.checked = p.extras.includes(id);
    box.onchange = () => { p.extras = box.checked ? [...p.extras, id] : p.extras.filter(x => x !== id); };
    const text = m.kind === 'threaten' ? `Threaten ${n.with} with a supply chain risk designation` : m.kind === 'designate' ? `Designate ${n.with} a supply chain risk`
      : m.kind === 'ask_same_terms' ? 'If you sign this round, ask that every vendor be offered the same terms' : `Drop your red line ${m.redLine}`;
    row.append(box, ` ${text}${m.allowed ? '' : ' (not open: ' + m.reason + ')'}`);
    form.append(row, el('br'));
  }
  return form;
}

// Every open negotiation's planned move, the ticked extras and a statement, sent together for the round.
function planned() {
  const moves = [];
  for (const n of view.negotiations.filter(n => n.status === 'open')) {
    const p = plan(n), vendor = view.brief.isAgency ? n.vendor : undefined;
    // An acceptance carries the terms this page showed: if the offer has changed since, the server takes nothing and says so.
    moves.push(p.choice === 'offer' ? { vendor, kind: 'offer', terms: p.terms }
      : p.choice === 'accept' ? { vendor, kind: 'accept', terms: (n.theirStandingOffer || {}).terms }
      : { vendor, kind: p.choice });
    for (const x of p.extras) { const [kind, redLine] = x.split(':'); moves.push(redLine ? { vendor, kind, redLine } : { vendor, kind }); }
  }
  const said = $('statement') && $('statement').value.trim();
  if (said) moves.push({ kind: 'statement', text: said });
  return moves;
}

function renderAsked() {
  const box = $('asked'); box.replaceChildren();
  if (!view.waiting) { box.hidden = true; return; }
  box.hidden = false;
  if (view.waiting.until) { const left = el('p', '', 'timer'); left.dataset.until = view.waiting.until; box.appendChild(left); tick(); }
  if (view.waiting.kind === 'moves') {
    box.appendChild(el('p', `Round ${view.waiting.round}: your move. Choose what to do in each negotiation below, then send them together.`));
    const say = el('p'); const text = el('input'); text.id = 'statement'; text.placeholder = 'a public statement (optional)'; text.size = 60; text.value = statement;
    text.setAttribute('aria-label', 'A public statement (optional)');
    text.oninput = () => { statement = text.value; }; say.appendChild(text); box.appendChild(say);
    // What the scenario would have you say now: yours to say or not (classroom.md 1.1), never said for you.
    for (const s of view.scripted || []) {
      const b = el('button', `Say: "${s.text}"${s.reported ? ' (reported in the story)' : ' (part of the exercise)'}`, 'scripted');
      b.type = 'button'; b.onclick = () => { text.value = s.text; statement = s.text; };
      box.append(el('br'), b);
    }
    const go = el('button', `Send my moves for round ${view.waiting.round}`); go.onclick = () => send(planned()); box.appendChild(go);
  }
  if (view.question && view.question.text) box.appendChild(el('p', view.question.text));
  if (view.waiting.kind === 'answer_threat') {
    box.appendChild(el('p', 'You are threatened with a supply chain risk designation. Your answer:'));
    for (const [answer, label] of [['hold', 'Hold your red lines'], ['walk_away', 'Walk away']]) { const b = el('button', label); b.onclick = () => send([{ kind: 'answer_threat', answer }]); box.appendChild(b); }
    // The lines the rules let it drop (in force and not firm), as the server says: a line already dropped is not offered again.
    const droppable = (view.question && view.question.droppable) || [];
    if (droppable.length) {
      const ticks = droppable.map(l => { const row = el('label'); const t = el('input'); t.type = 'checkbox'; t.value = l.id; row.append(t, ` drop ${l.reason || l.id} (${l.id})`); box.append(el('br'), row); return t; });
      const b = el('button', 'Concede, dropping the red lines ticked'); b.onclick = () => send([{ kind: 'answer_threat', answer: 'concede', dropped: ticks.filter(t => t.checked).map(t => t.value) }]); box.append(el('br'), b);
    }
  }
  if (view.waiting.kind === 'answer_designation') {
    box.appendChild(el('p', 'You are designated a supply chain risk. Your answer:'));
    for (const [answer, label] of [['litigate', 'Sue'], ['accept', 'Accept it'], ['exit', 'Leave the market']]) { const b = el('button', label); b.onclick = () => send([{ kind: 'answer_designation', answer }]); box.appendChild(b); }
  }
}

// The round timer: when it runs out, the computer moves for you as your party's policy would.
function tick() {
  for (const t of document.querySelectorAll('.timer')) {
    const seconds = Math.max(0, Math.round((Date.parse(t.dataset.until) - Date.now()) / 1000));
    t.textContent = `${seconds} s left; then the computer moves for you.`;
  }
}
setInterval(tick, 1000);

function renderBrief() {
  const root = $('brief'); root.replaceChildren();
  const b = view.brief;
  if (b.background) root.appendChild(el('p', b.background));
  if (b.instructions) root.appendChild(el('p', b.instructions));
  root.appendChild(el('p', `${b.name}: your reservation is ${b.reservation} (you sign nothing worth less to you); ${b.strategyText || 'strategy ' + b.strategy}.`));
  const endings = Object.entries(b.endings || {});
  if (endings.length) root.appendChild(el('p', 'Without a contract, each ending is worth to you: ' + endings.map(([k, v]) => `${k.replaceAll('_', ' ')} ${v.toFixed(2)}`).join('; ') + '.'));
  const table = el('table'); const head = el('tr'); head.append(el('th', 'term'), el('th', 'share'), el('th', 'options: value (worth)')); table.appendChild(head);
  for (const t of b.terms) { const tr = el('tr'); tr.append(el('td', t.label || t.term), el('td', t.share.toFixed(2)), el('td', t.options.map(o => `${o.option}: ${o.value} (${o.worth.toFixed(3)})`).join('; '))); table.appendChild(tr); }
  root.appendChild(table);
  const lines = el('ul');
  for (const l of b.redLines) lines.appendChild(el('li', `${l.reason || l.id} (${l.id}): ${l.require ? 'require ' + l.require.join(', ') : 'never ' + l.forbid.join(', ')} on ${l.term}${l.firm ? ', firm' : ', may be dropped'}${l.droppedWith.length ? '; dropped with ' + l.droppedWith.join(', ') : ''}`));
  root.appendChild(lines);
}

function render() {
  $('title').textContent = `${view.brief.name}, group ${view.group}`;
  $('status').textContent = view.concluded ? `The run has concluded (round ${view.round}).`
    : view.paused ? 'Paused by the instructor: no round closes and the clock is stopped. You may still plan and send your moves.'
    : view.waiting ? `Round ${view.waiting.round}: waiting for you.`
    : view.moved ? `Round ${view.moved}: your moves are in; waiting for the others.` : `Round ${view.round} played; waiting for the others.`;
  renderAsked(); renderNegotiations(); renderBrief();
  const feed = $('public'); feed.replaceChildren();
  // News that changes a party's options or numbers is about that party; every other item is that party's act.
  const about = kind => ['locked', 'unlocked', 'set'].includes(kind);
  // What the story reports is marked as such; the rest is the exercise (classroom.md 1.1).
  const source = s => s === 'reported' ? ' [reported in the story]' : s === 'exercise' ? ' [part of the exercise]' : '';
  for (const p of [...view.public].reverse()) feed.appendChild(el('li', `Round ${p.round}: ${p.kind.replaceAll('_', ' ')}${p.party ? (about(p.kind) ? ' for ' : ' by ') + partyName(p.party) : ''}${p.vendor ? ' (' + partyName(p.vendor) + ')' : ''}${p.text ? ': ' + p.text : ''}${source(p.source)}`));
  const allowed = $('allowed'), refused = $('refused'); allowed.replaceChildren(); refused.replaceChildren();
  const what = m => `${m.kind.replaceAll('_', ' ')}${m.vendor && view.brief.isAgency ? ' with ' + m.vendor : ''}${m.redLine ? ' ' + m.redLine : ''}`;
  for (const m of view.allowed) (m.allowed ? allowed : refused).appendChild(el('li', m.allowed ? what(m) : `${what(m)}: ${m.reason}`));
}

async function refresh() {
  let r;
  try { r = await fetch(`/api/seats/${code}`); } catch { offline(true); return; }
  if (!localStorage.getItem(pendingKey)) offline(false);
  if (!r.ok) { $('status').textContent = r.status === 404 ? 'No seat with this code.' : 'The server is busy; retrying.'; return; }
  show(await r.json());
}

// Live: the server pushes the view whenever it changes; should the stream fail, the page polls instead.
function show(next) {
  const changed = !view || JSON.stringify(next) !== JSON.stringify(view);
  // A new round asked: a new plan, whatever was left of the last one.
  if (next.waiting && next.waiting.round !== draftRound) newPlan(next.waiting.round);
  view = next;
  if (changed) render();
}

if (window.EventSource) {
  const live = new EventSource(`/api/seats/${code}/live`);
  live.onopen = () => { streaming = true; };
  live.onmessage = e => show(JSON.parse(e.data));
  live.onerror = () => { streaming = false; live.close(); refresh(); setInterval(refresh, 1500); sendPending(); };
} else {
  refresh(); setInterval(refresh, 1500);
}
