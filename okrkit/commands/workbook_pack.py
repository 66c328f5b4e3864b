"""``okrkit workbook pack --platform P --out DIR``: the offline installer for a training room."""

from __future__ import annotations

from okrkit.cli import add_lang


def register_pack(sub) -> None:
    from okrkit.workbook.pack import PLATFORMS

    parser = sub.add_parser(
        "pack",
        help="a folder of wheels and install scripts that installs the workbook with no network",
    )
    parser.add_argument(
        "--platform", required=True, choices=sorted(PLATFORMS),
        help="the laptops' platform (win_amd64 for Windows)",
    )  # fmt: skip
    parser.add_argument(
        "--python", metavar="3.X", default=None,
        help="the laptops' Python version (default: the one running this command)",
    )  # fmt: skip
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to copy to a USB stick")
    add_lang(parser)
    parser.set_defaults(run=run_pack)


def run_pack(args) -> int:
    from okrkit.i18n import t
    from okrkit.workbook.pack import pack

    out = pack(args.out, args.platform, args.python)
    count = len(list((out / "wheels").glob("*.whl")))
    print(t("cli.pack.done", args.lang, out=out, n=count, platform=args.platform))
    return 0
