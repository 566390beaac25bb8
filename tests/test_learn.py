"""`cleaner learn` finds a site's repeated lines and writes a pack that the
boilerplate rule then uses."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

from conftest import run_cli

FOOTER = ["Ghi rõ nguồn “Báo Sông Hồng” khi phát hành lại thông tin từ website này.", "Đường dây nóng: 0123 456 789"]
SENTENCES = [
    "Thành phố khởi công cây cầu mới bắc qua sông.",
    "Giá rau củ tăng nhẹ trong tuần qua do mưa lớn.",
    "Trường học tổ chức ngày hội đọc sách cho học sinh.",
    "Nông dân bắt đầu thu hoạch lúa vụ đông xuân.",
    "Bệnh viện tỉnh tiếp nhận thêm thiết bị chẩn đoán hiện đại.",
    "Lễ hội mùa xuân thu hút đông đảo người dân tham gia.",
]


def make_site(root: Path, files: int = 12) -> None:
    rng = random.Random(3)
    for i in range(files):
        body = " ".join(rng.sample(SENTENCES, 3))
        footer = FOOTER if i % 6 else FOOTER[:1]  # the hotline is missing from a few pages
        (root / f"bai-{i:02d}.txt").write_text(f"Tin số {i}\n\n{body}\n\n" + "\n".join(footer) + "\n", encoding="utf-8")


def test_learn_finds_exactly_the_repeated_lines_and_the_pack_works(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    make_site(site)
    r = run_cli("learn", str(site), "--output", str(tmp_path / "packs"), "--min-files", "5", "--min-share", "0.5")
    assert r.returncode == 0, r.stdout + r.stderr
    pack = tomllib.loads((tmp_path / "packs/vi/boilerplate.toml").read_text(encoding="utf-8"))
    assert sorted(pack["lines"]) == sorted(FOOTER)
    (tmp_path / "cleaner.toml").write_text('packs = ["packs"]\n', encoding="utf-8")
    article = site / "bai-01.txt"
    before = article.read_text(encoding="utf-8")
    run_cli("fix", "--no-cache", str(article), cwd=tmp_path)
    after = article.read_text(encoding="utf-8")
    assert after == before.split("\n\nGhi rõ")[0] + "\n"


def test_thresholds_are_respected(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    make_site(site, files=12)
    run_cli("learn", str(site), "--output", str(tmp_path / "p"), "--min-files", "12", "--min-share", "0.1")
    pack = tomllib.loads((tmp_path / "p/vi/boilerplate.toml").read_text(encoding="utf-8"))
    assert pack["lines"] == FOOTER[:1]  # only the line on all 12 pages
    assert run_cli("learn", str(site), "--min-files", "1").returncode == 2
