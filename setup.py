"""Build hook: compile the gettext catalogs so an installed bot never reads a stale .mo."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


def compile_catalogs() -> None:
    """Compile every locales/*/LC_MESSAGES/*.po next to itself with Babel."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in Path(__file__).parent.glob("locales/*/LC_MESSAGES/*.po"):
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parts[-3])
        with po_path.with_suffix(".mo").open("wb") as mo_file:
            write_mo(mo_file, catalog)


class BuildWithCatalogs(build_py):
    """Compile catalogs before the package files are collected."""

    def run(self) -> None:
        """Compile, then build as usual."""
        compile_catalogs()
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogs})
