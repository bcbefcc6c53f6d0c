"""The reply form at the end of a therapist's HTML update: filled in the browser, saved as a reply file.

No network: "Save reply" makes the file in the page (a Blob) and the browser downloads
it; the family imports it with ``family-tui import FILE``. Every text from the family
goes through ``html.escape``; the script writes each value as a quoted TOML string.
The form is for the screen only: it is not printed.
"""

from __future__ import annotations

import html

from .form import ReplyForm
from .parse import REPLY_FORMAT, STATUSES

STYLE = """
  .reply { border-top: 2px solid #cfd8dc; margin-top: 2rem; padding-top: 0.5rem; }
  .reply fieldset { border: 1px solid #cfd8dc; margin: 0.6rem 0; }
  .reply label { display: block; margin: 0.4rem 0 0.1rem; }
  .reply textarea, .reply input[type=text], .reply input[type=url] { width: 100%; box-sizing: border-box; font: inherit; }
  .reply .current { color: #555; font-size: 0.95em; }
  .reply button { font: inherit; font-weight: 600; padding: 0.4rem 1.2rem; margin: 0.8rem 0; }
  @media print { .reply { display: none; } }
"""

# The reply file as family-tui reads it; TOML strings escaped as TOML requires.
SCRIPT = r"""
(function () {
  function q(text) {
    return '"' + text.replace(/[\\"\u0000-\u001f\u007f]/g, function (c) {
      var named = {'\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f'};
      return named[c] || '\\u' + ('0000' + c.charCodeAt(0).toString(16)).slice(-4);
    }) + '"';
  }
  function each(form, selector, fn) { Array.prototype.forEach.call(form.querySelectorAll(selector), fn); }
  function replyText() {
    var form = document.getElementById('reply-form');
    var day = form.querySelector('#reply-date').value || form.dataset.date;
    var from = form.querySelector('#reply-cues-from').value || day;
    var out = ['# A reply from ' + form.dataset.name.replace(/[\r\n]/g, ' ') + ', saved from the update in a browser.',
               '# The family brings it in with: family-tui import FILE',
               'format = ' + q(form.dataset.format), 'therapist = ' + q(form.dataset.therapist), 'date = ' + day];
    each(form, 'textarea[data-question]', function (t) {
      if (t.value.trim()) out.push('', '[[answers]]', 'question = ' + q(t.dataset.question), 'text = ' + q(t.value.trim()));
    });
    each(form, 'textarea[data-child]', function (t) {
      if (t.value.trim()) out.push('', '[[updates]]', 'child = ' + q(t.dataset.child), 'text = ' + q(t.value.trim()));
    });
    each(form, 'input[data-cue]', function (i) {
      var cue = i.value.trim().replace(/\s+/g, ' ');
      if (cue && cue !== i.dataset.current) out.push('', '[[cues]]', 'strategy = ' + q(i.dataset.cue), 'cue = ' + q(cue), 'from = ' + from);
    });
    each(form, 'select[data-goal]', function (s) {
      var note = form.querySelector('input[data-goal-note="' + s.dataset.goal + '"]').value.trim();
      if (s.value === s.dataset.current && !note) return;
      out.push('', '[[goals]]', 'goal = ' + q(s.dataset.goal));
      if (s.value !== s.dataset.current) out.push('status = ' + q(s.value));
      if (note) out.push('note = ' + q(note));
    });
    each(form, 'input[data-media]', function (i) {
      var link = i.value.trim();
      if (link && link !== i.dataset.current) out.push('', '[[strategies]]', 'strategy = ' + q(i.dataset.media), 'media = ' + q(link));
    });
    return out.join('\n') + '\n';
  }
  function saveReply(event) {
    if (event) event.preventDefault();
    var form = document.getElementById('reply-form');
    var day = form.querySelector('#reply-date').value || form.dataset.date;
    var link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([replyText()], {type: 'application/toml'}));
    link.download = 'reply-' + form.dataset.therapist + '-' + day + '.toml';
    document.body.appendChild(link);
    link.click();
    link.remove();
    document.getElementById('reply-saved').textContent =
      'Saved as ' + link.download + ' in your downloads: send it to the family.';
  }
  window.familyTuiReply = replyText;
  document.getElementById('reply-form').addEventListener('submit', saveReply);
})();
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def reply_form_html(form: ReplyForm) -> str:
    """The form as a ``<section>``, with its style and script, to end the update's page with."""
    day = form.day.isoformat()
    out = [
        f"<style>{STYLE}</style>",
        '<section class="reply">',
        f"<h2>Your reply to the family, {_e(form.name)}</h2>",
        "<p>Fill in what you want to send back, then <b>Save reply</b>: your browser saves a small file "
        "(nothing is sent anywhere). Send that file to the family; the app brings it in as you wrote it. "
        "Anything left empty is left out.</p>",
        f'<form id="reply-form" data-format="{_e(REPLY_FORMAT)}" data-therapist="{_e(form.therapist)}" '
        f'data-name="{_e(form.name)}" data-date="{day}">',
        f'<label for="reply-date">Date of your reply</label><input type="date" id="reply-date" value="{day}">',
    ]
    if form.questions:
        out.append("<fieldset><legend>Questions for you</legend>")
        for n, question in enumerate(form.questions):
            out += [
                f'<label for="answer-{n}">{_e(question.about)}: {_e(question.text)}</label>',
                f'<textarea id="answer-{n}" rows="3" data-question="{_e(question.id)}"></textarea>',
            ]
        out.append("</fieldset>")
    if form.children:
        out.append("<fieldset><legend>A note to the family</legend>")
        for child_id, name in form.children:
            out += [
                f'<label for="update-{_e(child_id)}">About {_e(name)}</label>',
                f'<textarea id="update-{_e(child_id)}" rows="2" data-child="{_e(child_id)}"></textarea>',
            ]
        out.append("</fieldset>")
    if form.strategies:
        out += [
            "<fieldset><legend>Cues and links</legend>",
            f'<label for="reply-cues-from">New cues in use from</label><input type="date" id="reply-cues-from" value="{day}">',
        ]
        for s in form.strategies:
            sid = _e(s.id)
            now = f"now: “{_e(s.cue)}”" if s.cue else "no cue yet"
            out += [
                f'<label for="cue-{sid}">{_e(s.child)}, {_e(s.title)}: new cue <span class="current">({now})</span></label>',
                f'<input type="text" id="cue-{sid}" data-cue="{sid}" data-current="{_e(s.cue)}" value="{_e(s.cue)}">',
                f'<label for="media-{sid}">Link to a page or video showing how <span class="current">(http or https)</span></label>',
                f'<input type="url" id="media-{sid}" data-media="{sid}" data-current="{_e(s.media)}" value="{_e(s.media)}">',
            ]
        out.append("</fieldset>")
    if form.goals:
        out.append("<fieldset><legend>Goals</legend>")
        for g in form.goals:
            gid = _e(g.id)
            options = "".join(
                f'<option value="{status}"{" selected" if status == g.status else ""}>{status}</option>'
                for status in STATUSES
            )
            out += [
                f'<label for="goal-{gid}">{_e(g.child)}, {_e(g.title)}</label>',
                f'<select id="goal-{gid}" data-goal="{gid}" data-current="{_e(g.status)}">{options}</select>',
                f'<input type="text" id="goal-note-{gid}" data-goal-note="{gid}" placeholder="A note for the family (optional)">',
            ]
        out.append("</fieldset>")
    out += [
        '<button type="submit" id="save-reply">Save reply</button> <span id="reply-saved" role="status"></span>',
        "</form>",
        "</section>",
        f"<script>{SCRIPT}</script>",
    ]
    return "\n".join(out)
