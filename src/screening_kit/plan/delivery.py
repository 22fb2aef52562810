"""Planning what packaging makes from the finished renders: the play-all file and the
parts of files too large for FAT32. They are tasks like every render, so `build
--dry-run` lists them, `cache prune` keeps them and a cluster can run them."""

from __future__ import annotations

from dataclasses import replace

from .base import PlannerBase
from .tasks import CountryPlan, PlayAllTask, SplitTask


def play_all_task(country: CountryPlan) -> PlayAllTask:
    """The country's running order in one file, in parts under its profile's limit."""
    return PlayAllTask(
        label=f"{country.code}: play-all",
        deps=tuple(dict.fromkeys(i.key for i in country.items)),
        work=0,
        country=country.code,
        items=country.items,
        limit=country.profile.warn_size_bytes,
    )


class DeliveryPlanner(PlannerBase):
    def delivery(self, country: CountryPlan, play_all: bool, split: bool) -> CountryPlan:
        """``country`` with its play-all task (``play_all``) and, with ``split`` and a
        size limit in its profile, a split task per file."""
        limit = country.profile.warn_size_bytes
        joined = self.plan.add(play_all_task(country)) if play_all and country.items else None
        splits: dict[str, str] = {}
        if split and limit:
            for item in country.items:
                splits[item.key] = self.plan.add(
                    SplitTask(
                        label=f"{item.item_id}: parts under {limit / 1024**3:.2f} GiB",
                        deps=(item.key,),
                        work=0,
                        limit=limit,
                    )
                )
        return replace(country, play_all=joined, splits=splits)
