"""The cue cards as one self-contained HTML page to print and hand out.

Print first: black on white, borders and weight rather than colour, the cue in large
type, and no card split across two sheets (``break-inside: avoid``); the page size is
left to the printer, so A4 and Letter both work. Each child starts on a new sheet, so
a family can hand one child's cards to that child's teacher, under the line naming the
parents to call and the therapists' answers. Each card ends with a tally strip, a box
per day to mark and send home.

Every text goes through ``html.escape``: nothing a therapist or a family typed can
become markup. A strategy's link is printed with a QR code (:mod:`..qr_code`) beside the card's
facts, so whoever holds the card can watch how it is done on a phone.
"""

from __future__ import annotations

import html

from ..qr_code import qr_svg
from .deck import ChildCards, CueCard, CueCardDeck

_STYLE = """
  :root { color-scheme: light; }
  body { font: 12pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
         color: #000; background: #fff; max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; }
  h1 { font-size: 20pt; margin: 0; }
  .place { font-size: 15pt; font-weight: 700; margin: 0.1rem 0 0; }
  .made { font-size: 9.5pt; margin: 0.1rem 0 0.5rem; }
  .intro { margin: 0 0 0.6rem; }
  section.child + section.child { break-before: page; page-break-before: always; }
  h2 { font-size: 16pt; margin: 0.5rem 0 0; break-after: avoid; page-break-after: avoid; }
  .therapists { margin: 0.1rem 0 0.6rem; }
  .card { border: 2.5px solid #000; border-radius: 10px; padding: 0.45rem 0.8rem 0.35rem;
          margin: 0 0 0.6rem; break-inside: avoid; page-break-inside: avoid; }
  .card-top { margin: 0; font-size: 13pt; font-weight: 700; }
  .card-top .child { border: 1.5px solid #000; border-radius: 4px; padding: 0 0.3rem; margin-right: 0.4rem; }
  .goal { margin: 0.1rem 0 0; font-size: 10pt; }
  .say { margin: 0.35rem 0 0; font-size: 9pt; font-weight: 700; letter-spacing: 0.12em; }
  .cue { margin: 0 0 0.3rem; font-size: 22pt; line-height: 1.12; font-weight: 800; }
  .new-cue { margin: 0 0 0.3rem; font-weight: 700; border-left: 3pt solid #000; padding-left: 0.3rem; }
  .cue.none { font-size: 12pt; font-weight: 400; font-style: italic; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.12rem 0.7rem; margin: 0.2rem 0 0; }
  dt { font-weight: 700; }
  dd { margin: 0; white-space: pre-line; }
  dd.help { border-left: 4px solid #000; padding-left: 0.4rem; }
  .card { display: flow-root; }
  .media { float: right; width: 3.1cm; margin: 0.1rem 0 0.2rem 0.6rem; text-align: center; font-size: 8pt;
           line-height: 1.2; }
  .media .qr { display: block; margin: 0 auto 0.1rem; }
  a { color: inherit; overflow-wrap: anywhere; }
  .card-end { margin: 0.3rem 0 0; font-size: 8.5pt; text-align: right; }
  .call { margin: 0 0 0.4rem; font-weight: 700; }
  .answers { border: 1.5px solid #000; border-radius: 6px; padding: 0.25rem 0.6rem; margin: 0 0 0.6rem;
             font-size: 10pt; break-inside: avoid; page-break-inside: avoid; }
  .answers p { margin: 0.15rem 0; }
  .answers .head { font-weight: 700; }
  .answers .q { font-style: italic; }
  .tally { display: flex; flex-wrap: wrap; align-items: center; gap: 0.2rem 0.7rem; margin: 0.4rem 0 0;
           font-size: 9.5pt; }
  .tally .label { font-weight: 700; }
  .tally .day { display: inline-flex; align-items: center; gap: 0.2rem; }
  .tally .box { display: inline-block; width: 1.5em; height: 1.5em; border: 1.5px solid #000; border-radius: 3px; }
  .tally .legend { margin-left: auto; }
  .empty { font-style: italic; }
  @page { margin: 1.2cm; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; line-height: 1.3; }
  }
"""


def render_cards_html(deck: CueCardDeck) -> str:
    """One page: a heading, then each child's therapists and cards."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(_title(deck))}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(deck.title)}</h1>",
    ]
    if deck.place:
        out.append(f'<p class="place">{_e(deck.place)}</p>')
    out.append(f'<p class="made">{_e(deck.made_on)} from the family\'s home program.</p>')
    if not deck.children:
        out.append('<p class="empty">There are no children in the home program yet: import it first.</p>')
    else:
        out.append(f'<p class="intro">{_e(_intro(deck))}</p>')
    for child in deck.children:
        _child(child, show_name=len(deck.children) > 1, call=deck.call, send_home=deck.send_home, out=out)
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def card_end_line(card: CueCard, number: int, count: int) -> str:
    """The small last line of a card: whose it is and which, if the cards are cut apart."""
    source = ", ".join(part for part in (card.discipline, card.therapist) if part)
    return f"{card.child}, card {number} of {count} · {source}"


def _title(deck: CueCardDeck) -> str:
    return f"{deck.title} — {deck.place}" if deck.place else deck.title


def _intro(deck: CueCardDeck) -> str:
    names = [child.child for child in deck.children]
    who = names[0] if len(names) == 1 else "each child"
    return (
        "Please use these words every time, as the family and the therapists do: "
        f"the same cue everywhere helps {who} learn. "
        "Wait a few seconds before helping, and give only the help that is needed."
    )


def _child(child: ChildCards, *, show_name: bool, call: str, send_home: bool, out: list[str]) -> None:
    out.append('<section class="child">')
    if show_name:
        out.append(f"<h2>{_e(child.child)}</h2>")
    out.append(f'<p class="therapists">{_e(child.therapists)}</p>')
    if call:
        out.append(f'<p class="call">{_e(call)}</p>')
    _answers(child, out)
    if not child.cards:
        out.append(f'<p class="empty">{_e(child.nothing)}</p>')
    for number, card in enumerate(child.cards, start=1):
        _card(card, number, len(child.cards), out, send_home=send_home)
    out.append("</section>")


def _answers(child: ChildCards, out: list[str]) -> None:
    if not child.answers:
        return
    out.append('<div class="answers">')
    out.append("<p class=\"head\">The therapists' answers to the family's questions</p>")
    for answer in child.answers:
        out.append(
            f'<p><span class="q">{_e(answer.question)}</span> '
            f"<strong>{_e(answer.therapist)}:</strong> {_e(answer.answer)}</p>"
        )
    out.append("</div>")


def _tally(card: CueCard, send_home: bool) -> str:
    """A box per day to mark, and what the marks mean."""
    label = "Mark and send home:" if send_home else "Mark each day:"
    days = "".join(f'<span class="day">{_e(day)}<span class="box"></span></span>' for day in card.tally)
    legend = '<span class="legend">✓ did it &nbsp; ~ tried</span>'
    return f'<div class="tally"><span class="label">{label}</span>{days}{legend}</div>'


def _card(card: CueCard, number: int, count: int, out: list[str], *, send_home: bool = False) -> None:
    out.append('<article class="card">')
    out.append(f'<p class="card-top"><span class="child">{_e(card.child)}</span>{_e(card.strategy)}</p>')
    out.append(f'<p class="goal">Goal: {_e(card.goal)}</p>')
    out.append('<p class="say">SAY</p>')
    if card.cue.strip():
        out.append(f'<p class="cue">“{_e(card.cue)}”</p>')
    else:
        out.append('<p class="cue none">No set words for this one: follow what to do below.</p>')
    if card.new_cue:
        out.append(f'<p class="new-cue">{_e(card.new_cue)}</p>')
    rows = [
        ("Show", card.visual),
        ("What to do", card.how),
        ("How often", card.how_often),
        ("When", card.when),
    ]
    if card.media:
        out.append(f'<div class="media">{qr_svg(card.media)}Scan to see how</div>')
    out.append("<dl>")
    for label, text in rows:
        if text.strip():
            out.append(f"<dt>{label}</dt><dd>{_e(text)}</dd>")
    if card.media:
        out.append(f'<dt>See how</dt><dd><a href="{_e(card.media)}">{_e(card.media)}</a></dd>')
    level = f"<strong>{_e(card.help_level.label)}.</strong> " if card.help_level is not None else ""
    out.append(f'<dt>If {_e(card.child)} needs help</dt><dd class="help">{level}{_e(card.help_advice)}</dd>')
    out.append("</dl>")
    if card.tally:
        out.append(_tally(card, send_home))
    out.append(f'<p class="card-end">{_e(card_end_line(card, number, count))}</p>')
    out.append("</article>")


def _e(text: str) -> str:
    return html.escape(text, quote=True)
