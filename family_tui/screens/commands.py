"""The command palette (ctrl+p) offers what the screen it was opened on can do.

Its commands are the screen's keys as help (``?``) lists them, in the same words, and choosing
one does what pressing the key does: the same action on the same node, behind the same
``check_action`` and the same PIN gate. A key that the screen turns off now is not offered.
What Textual's own widgets bind (an Input's cursor keys) is left out. Kiosk mode has no palette
at all (see ``FamilyApp``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .help import DescribedKey


OWN_ACTIONS = frozenset({"command_palette", "app.command_palette"})
"""The palette's own key: choosing it from the palette would only open the palette again."""


class ScreenKeys(Provider):
    """The keys of the screen under the palette, as commands."""

    def _keys(self) -> list[DescribedKey]:
        # Imported when the palette opens: help's module is not needed to start the app.
        from .help import described_keys

        return [
            key
            for key in described_keys(self.screen)
            if key.enabled
            and key.binding.action not in OWN_ACTIONS
            # An Input's cursor keys, a Select's menu: editing a field, not something to look up.
            and not type(key.node).__module__.startswith("textual.")
        ]

    def _run_later(self, key: DescribedKey) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            # The palette has closed; the screen's state may have moved on since the list was made.
            if any(k.binding is key.binding and k.enabled for k in self._keys()):
                await self.app.run_action(key.binding.action, key.node)

        return run

    @staticmethod
    def _help(key: DescribedKey) -> str:
        from .help import key_label

        return f"key: {key_label(key.binding.key)}"

    async def discover(self) -> Hits:
        for key in self._keys():
            yield DiscoveryHit(key.label, self._run_later(key), help=self._help(key))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for key in self._keys():
            score = matcher.match(key.label)
            if score > 0:
                yield Hit(score, matcher.highlight(key.label), self._run_later(key), help=self._help(key))
