"""`screening-kit schema`: the JSON Schema of ceremony.yaml (or the reference as Markdown)."""

from __future__ import annotations

import click

from .app import main


@main.command()
@click.option(
    "--playlist", is_flag=True, help="The schema of a running order (playlists/*.yaml) instead."
)
@click.option(
    "--docs", is_flag=True, help="The workspace reference as Markdown (docs/workspace.md)."
)
def schema(playlist: bool, docs: bool) -> None:
    """Print the JSON Schema of ceremony.yaml, for editors that complete and check YAML.

    Save it beside ceremony.yaml (`screening-kit schema > ceremony.schema.json`); the
    file's first line `# yaml-language-server: $schema=ceremony.schema.json` points
    the editor to it.
    """
    from ..config import Ceremony, Playlist
    from ..reference import reference_markdown, schema_text

    if docs:
        click.echo(reference_markdown(), nl=False)
    else:
        click.echo(schema_text(Playlist if playlist else Ceremony), nl=False)
