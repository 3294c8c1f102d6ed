"""The fixed set of avatar illustrations (SVG files in static/avatars/, drawn for the portal)."""

from flask_babel import lazy_gettext as _l

AVATARS = {
    "fox": _l("Fox"),
    "owl": _l("Owl"),
    "cat": _l("Cat"),
    "turtle": _l("Turtle"),
    "rabbit": _l("Rabbit"),
    "bear": _l("Bear"),
    "panda": _l("Panda"),
    "penguin": _l("Penguin"),
    "whale": _l("Whale"),
    "hedgehog": _l("Hedgehog"),
    "lion": _l("Lion"),
    "frog": _l("Frog"),
    "bee": _l("Bee"),
    "rocket": _l("Rocket"),
    "tree": _l("Tree"),
    "planet": _l("Planet"),
}
