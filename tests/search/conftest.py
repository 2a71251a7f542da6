"""A small corpus of judgments written for these tests."""

from __future__ import annotations

import pytest
from engines import ENGINES, engine_project


@pytest.fixture(params=ENGINES)
def project(request, tmp_path):
    """Search returns the same on both engines: every test here runs on SQLite and on PostgreSQL."""
    yield from engine_project(request, tmp_path)


CIVIL = """浙江省某某市互联网法院
民事判决书
（2020）浙0192民初101号
原告：甲数据科技有限公司。
被告：乙网络有限公司。
原告甲数据科技有限公司与被告乙网络有限公司不正当竞争纠纷一案，本院依法审理。
甲公司向本院提出诉讼请求：判令乙公司停止抓取数据。
本院经审理查明：乙公司使用爬虫抓取甲公司的用户数据，并将App中的数据用于自己的产品。
本院认为，乙公司违反商业道德，依照《中华人民共和国反不正当竞争法》第二条、第十二条，构成不正当竞争。用户王𠮷的数据也被抓取。
依照《中华人民共和国反不正当竞争法》第二条之规定，判决如下：
乙网络有限公司停止抓取数据。
审判长　赵一
二〇二〇年十月二十日
书记员　钱二
"""

CRIMINAL = """江苏省某某县人民法院
刑事判决书
(2018)苏0101刑初7号
公诉机关江苏省某某县人民检察院。
被告人孙某，男。
江苏省某某县人民检察院指控被告人孙某犯侵犯公民个人信息罪，向本院提起公诉。
经审理查明：孙某出售公民个人信息数据一万条。
本院认为，孙某的行为构成侵犯公民个人信息罪。依照《中华人民共和国刑法》第二百五十三条之一之规定，判决如下：
被告人孙某犯侵犯公民个人信息罪，判处有期徒刑一年。
审判员　周三
二〇一八年五月六日
书记员　吴四
"""

REPORT = "媒体报道：一家法院审结了一起涉及APP数据抓取的案件，法院认为爬虫应当遵守robots协议。\n"


@pytest.fixture
def corpus(project):
    """The project fixture with three documents: ids civil, criminal, report (their texts: `TEXTS`)."""
    changes = project.documents.add_text("民事案", CIVIL)
    civil = changes.documents_added[0].id
    criminal = project.documents.add_text("刑事案", CRIMINAL).documents_added[0].id
    report = project.documents.add_text("报道", REPORT).documents_added[0].id
    return project, {"civil": civil, "criminal": criminal, "report": report}


TEXTS = {"civil": CIVIL, "criminal": CRIMINAL, "report": REPORT}


@pytest.fixture
def texts():
    return dict(TEXTS)


GUI_JUDGMENT = (
    "浙江省某某市人民法院\n民事判决书\n（2021）浙0192民初1234号\n原告：王𠮷。\n被告：某某科技有限公司。\n"
    "本院认为，被告擅自抓取数据，违反商业道德。\n判决如下：被告赔偿原告损失。\n"
)


@pytest.fixture
def gui_project(tmp_path):
    from annotator.services import Project

    p = Project.create(tmp_path / "gui.sqlite")
    p.documents.add_text("某某科技案", GUI_JUDGMENT)
    p.documents.add_text("第二份文书", "本院认为，数据携带权不能对抗平台的竞争权益。")
    yield p
    p.close()


@pytest.fixture
def window(open_window, gui_project):
    return open_window(gui_project, "测试员", name="settings.ini", wait=False)
