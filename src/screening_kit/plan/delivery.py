"""Planning what packaging makes from the finished renders: the play-all file and the
parts of files too large for FAT32. They are tasks like every render, so `build
--dry-run` lists them, `cache prune` keeps them and a cluster can run them."""

from __future__ import annotations

from dataclasses import replace

from .base import PlannerBase
from .tasks import CountryPlan, PlayAllTask, SplitTask


class DeliveryPlanner(PlannerBase):
    def delivery(self, country: CountryPlan, play_all: bool, split: bool) -> CountryPlan:
        """``country`` with its play-all task (``play_all``) and, with ``split`` and a
        size limit in its profile, a split task per file."""
        limit = country.profile.warn_size_bytes
        joined = None
        if play_all and country.items:
            plays = [(i.key, i.repeat) for i in country.items]
            joined = self.plan.add(
                PlayAllTask(
                    key=self.key("play-all", plays=plays, limit=limit),
                    label=f"{country.code}: play-all",
                    deps=tuple(dict.fromkeys(i.key for i in country.items)),
                    work=0,
                    country=country.code,
                    items=country.items,
                    limit=limit,
                )
            )
        splits: dict[str, str] = {}
        if split and limit:
            for item in country.items:
                splits[item.key] = self.plan.add(
                    SplitTask(
                        key=self.key("split", of=item.key, limit=limit),
                        label=f"{item.item_id}: parts under {limit / 1024**3:.2f} GiB",
                        deps=(item.key,),
                        work=0,
                        limit=limit,
                    )
                )
        return replace(country, play_all=joined, splits=splits)
