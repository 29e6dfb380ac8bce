"""Bundles: load, save, validate, and the location of data errors."""

import os

import pytest

import citynet
from citynet import DataError, FileError, Problem
from conftest import write_bundle

NODES = ("id,kind,name,country,lat,lon,population\n"
         "ist,city,İstanbul,TUR,41.01,28.97,15655924\n"
         "ath,city,Athens,GRC,,,\n"
         "b40,organisation,B40,,,,\n")
TIES = "source,target,layer,weight,directed,start,end,ref\n"
GOOD_TIES = TIES + ("ist,ath,sister,1,false,2021,,§4.2\n"
                    "ist,b40,member,1,true,2021-11-29,,\n")


def test_save_load_round_trip(net, tmp_path):
    net.register_kind("region")
    net.add_node("marmara", "region", country="TUR", code="TR1")
    net.save(tmp_path / "b")
    back = citynet.load(tmp_path / "b")
    assert list(back.nodes) == list(net.nodes)
    assert list(back.ties) == list(net.ties)
    assert list(back.countries) == list(net.countries)
    assert back.kinds == net.kinds
    assert back.layers == net.layers
    assert citynet.validate(tmp_path / "b") == []
    # str, bytes and PathLike paths all work
    assert len(citynet.load(str(tmp_path / "b")).nodes) == len(net.nodes)
    assert len(citynet.load(os.fsencode(tmp_path / "b")).nodes) == len(net.nodes)


def test_load_small_bundle(tmp_path):
    path = write_bundle(tmp_path, NODES, GOOD_TIES)
    n = citynet.load(path)
    assert n.nodes.ids() == ["ist", "ath", "b40"]
    assert n.nodes["ist"].population == 15655924.0
    assert n.ties[0].ref == "§4.2"
    assert n.ties[1].directed is True


def assert_data_error(path, file, line, column, needle, count=1):
    with pytest.raises(DataError) as info:
        citynet.load(path)
    e = info.value
    assert (e.file, e.line, e.column, e.count) == (file, line, column, count), str(e)
    assert needle in e.message
    assert e.message.startswith(f"{file}:{line}:")
    assert e.code == 2
    assert isinstance(e, ValueError) and isinstance(e, citynet.CitynetError)
    return e


def test_unknown_node_id(tmp_path):
    path = write_bundle(tmp_path, NODES,
                        TIES + "ist,ath,sister,1,false,2021,,\n"
                               "ist,odesa,aid,1,false,,,\n")
    assert_data_error(path, "ties.csv", 3, 2, 'unknown node id "odesa"')


def test_unknown_source_suggests(tmp_path):
    path = write_bundle(tmp_path, NODES, TIES + "ath2,ist,sister,1,false,,,\n")
    e = assert_data_error(path, "ties.csv", 2, 1, 'unknown node id "ath2"')
    assert '"ath"' in e.message


def test_bad_weight(tmp_path):
    path = write_bundle(tmp_path, NODES, TIES + "ist,ath,sister,abc,false,,,\n")
    assert_data_error(path, "ties.csv", 2, 4, "weight")
    path = write_bundle(tmp_path / "zero", NODES,
                        TIES + "ist,ath,sister,0,false,,,\n")
    assert_data_error(path, "ties.csv", 2, 4, "weight")


def test_bad_date(tmp_path):
    path = write_bundle(tmp_path, NODES,
                        TIES + "ist,ath,sister,1,false,2021,2021-02-30,\n")
    assert_data_error(path, "ties.csv", 2, 7, "2021-02-30")


def test_duplicate_id(tmp_path):
    path = write_bundle(tmp_path, NODES + "ath,city,Athens again,GRC,,,\n",
                        GOOD_TIES)
    assert_data_error(path, "nodes.csv", 5, 1, 'duplicate node id "ath"')


def test_invalid_utf8(tmp_path):
    path = write_bundle(tmp_path, NODES.encode() + b"b\xffd,city,Bad,TUR,,,\n",
                        GOOD_TIES)
    e = assert_data_error(path, "nodes.csv", 5, 1, "UTF-8")
    assert isinstance(e.message, str)


def test_problem_count(tmp_path):
    path = write_bundle(tmp_path, NODES,
                        TIES + "ist,zzz,sister,1,false,,,\n"
                               "ist,ath,sister,-1,false,,,\n")
    e = assert_data_error(path, "ties.csv", 2, 2, "zzz", count=2)
    assert "(and 1 more problem)" in e.message
    problems = citynet.validate(path)
    assert problems == [
        Problem("ties.csv", 2, 2, problems[0].message),
        Problem("ties.csv", 3, 4, problems[1].message)]
    assert str(problems[1]).startswith("ties.csv:3:4: ")


def test_missing_file(tmp_path):
    path = write_bundle(tmp_path, NODES, GOOD_TIES)
    os.remove(path / "ties.csv")
    with pytest.raises(FileError) as info:
        citynet.load(path)
    e = info.value
    assert isinstance(e, OSError) and isinstance(e, citynet.CitynetError)
    assert e.code == 1 and e.file == "ties.csv" and e.filename == "ties.csv"
    assert "ties.csv" in str(e)


def test_missing_directory(tmp_path):
    with pytest.raises(FileError) as info:
        citynet.load(tmp_path / "nope")
    assert "nope" in str(info.value)
    problems = citynet.validate(tmp_path / "nope")
    assert len(problems) == 1 and problems[0].file is None
    assert "nope" in problems[0].message


def test_save_errors(net, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(FileError):
        net.save(blocker)
    with pytest.raises(FileError):
        net.save(blocker / "sub")


def test_bad_path_arguments(net):
    for bad in (None, 5, ["x"]):
        with pytest.raises(TypeError):
            citynet.load(bad)
    with pytest.raises(citynet.UsageError):
        citynet.load("a\0b")
    with pytest.raises(citynet.UsageError):
        citynet.validate("")
    with pytest.raises(citynet.UsageError):
        net.save("")
