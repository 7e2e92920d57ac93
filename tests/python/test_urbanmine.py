# SPDX-License-Identifier: Apache-2.0
"""The Python module (docs/python.md): runs as the CLI runs them, tables as named arrays without
copies, dict scenarios checked like files, errors with the CLI's locations and exit codes, the
cohort stock model against the ODYM/flodym reference vectors, and the GIL released while the
engine computes. Run by CTest (`PythonModule`) with PYTHONPATH=<build>/python."""

import csv
import json
import os
import pathlib
import subprocess
import threading
import time

import numpy as np
import pytest

import urbanmine

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("URBANMINE_BIN", "")


@pytest.fixture(scope="module")
def baseline():
    return urbanmine.run()


def test_baseline_tables_are_named_arrays_with_units(baseline):
    assert baseline.balance["ok"] and baseline.balance["checks"] > 1000
    eol = baseline["end_of_life_t"]
    assert eol.dims == ("region", "element", "year")
    assert eol.attrs["unit"] == "mass_tonnes"
    assert int(eol.coords["year"][0]) == baseline.meta["first_year"]
    assert "KOR" in list(eol.coords["region"].values)
    li_2040 = float(eol.sel(element="Li", year=2040).sum())
    assert li_2040 > 1000.0
    # The tidy frame holds the same numbers, one value column named by the unit.
    frame = baseline.to_pandas("end_of_life_t")
    assert list(frame.columns) == ["region", "element", "year", "mass_tonnes"]
    rows = frame[(frame.element == "Li") & (frame.year == 2040)]
    assert rows.mass_tonnes.sum() == pytest.approx(li_2040, rel=1e-12)


@pytest.mark.skipif(not BIN, reason="URBANMINE_BIN not set")
def test_the_same_numbers_as_the_cli(baseline, tmp_path):
    out = tmp_path / "out"
    subprocess.run([BIN, "--no-progress", "run", "--out", str(out)], check=True,
                   capture_output=True)
    eol = baseline["end_of_life_t"]
    with open(out / "end_of_life_t.csv", newline="") as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    assert len(rows) > 100
    for r in rows[:: max(1, len(rows) // 50)]:
        value = float(eol.sel(region=r["region"], element=r["element"], year=int(r["year"])))
        assert value == pytest.approx(float(r["mass_tonnes"]), rel=1e-9, abs=1e-9)
    assert baseline.meta["scenario_hash"] == json.loads(
        (out / "summary.json").read_text())["metadata"]["scenario_hash"]
    # The issue's own line: r.tables['end_of_life_t'].sel(region='CHN', element='Li', year=2040).
    chn = next(r for r in rows if (r["region"], r["element"], r["year"]) == ("CHN", "Li", "2040"))
    value = baseline.tables["end_of_life_t"].sel(region="CHN", element="Li", year=2040)
    assert float(value) == pytest.approx(float(chn["mass_tonnes"]), rel=1e-9)


def test_tables_is_a_mapping_of_names_to_tables(baseline):
    names = list(baseline.tables)
    assert names[0] == "sales_vehicles" and "end_of_life_t" in baseline.tables
    assert len(baseline.tables) == len(names)
    assert baseline.tables["end_of_life_t"].dims == baseline["end_of_life_t"].dims
    with pytest.raises(KeyError):
        baseline.tables["no_such_table"]


@pytest.mark.skipif(not BIN, reason="URBANMINE_BIN not set")
def test_passport_read_is_the_cli_report(tmp_path):
    folder = ROOT / "tests" / "data" / "passport"
    report = urbanmine.passport.read(folder)
    cli = subprocess.run([BIN, "--format", "json", "passport", "read", str(folder)],
                         capture_output=True, text=True)
    assert cli.returncode == 3  # some passports are invalid: the CLI still writes the report
    assert report.to_dict() == json.loads(cli.stdout)
    assert report.aggregate.valid_files == 8 and report.aggregate.invalid_files == 12
    bad = [f.file for f in report.files if not f.valid]
    assert any(name.endswith("p19_malformed_json.json") for name in bad)
    with pytest.raises(urbanmine.NotFoundError):
        urbanmine.passport.read(tmp_path / "missing")


def test_passports_as_fleet_data_from_a_dict_scenario(tmp_path):
    fleet = urbanmine.run({"passport_fleet": [{
        "path": str(ROOT / "tests" / "data" / "passport_fleet"), "region": "DEU",
        "mode": "sample"}]})
    coverage = fleet.record("passport_fleet_coverage")
    assert list(coverage.model_year) == [2019, 2020, 2021]
    assert coverage.pack_run_kwh.iloc[0] == pytest.approx(153.0 / 2.0)
    with pytest.raises(urbanmine.InvalidInputError) as bad:
        urbanmine.run({"passport_fleet": [{"path": str(tmp_path), "region": "DEU"}]})
    assert bad.value.exit_code == 3


def test_arrays_are_read_only_views_without_copies(baseline):
    a = baseline.table("end_of_life_t", kind="numpy")
    b = baseline.table("end_of_life_t", kind="numpy")
    assert not a.flags.owndata and not a.flags.writeable
    assert np.shares_memory(a, b)
    with pytest.raises(ValueError):
        a[0, 0, 0] = 1.0


def test_a_dict_scenario_is_checked_like_a_file(baseline):
    no_second_life = urbanmine.run({"second_life": {"share": 0.0}})
    assert float(no_second_life["end_of_life_to_second_life_kwh"].sum()) == 0.0
    assert float(baseline["end_of_life_to_second_life_kwh"].sum()) > 0.0
    # Arrays of tables are lists of dicts.
    traded = urbanmine.run({"used_vehicle_export": [
        {"from": "JPN", "to": "ROW", "share": 0.25, "age_years": 8}]})
    assert "used_vehicle_trade_vehicles" in traded
    assert float(traded["used_vehicle_trade_vehicles"].sel(region="JPN").sum()) > 0.0
    with pytest.raises(urbanmine.InvalidInputError) as bad:
        urbanmine.run({"second_life": {"share": -0.5}})
    assert "second_life.share" in bad.value.location
    assert bad.value.exit_code == 3 and bad.value.code == "invalid_input"
    assert isinstance(bad.value, ValueError)
    with pytest.raises(urbanmine.InvalidInputError) as nan:
        urbanmine.run({"second_life": {"share": float("nan")}})
    assert nan.value.location == "scenario dict"
    with pytest.raises(urbanmine.InvalidInputError):
        urbanmine.plant.balance(chemistry="NMC622", mass_tonnes=float("inf"))
    with pytest.raises(urbanmine.InvalidInputError) as null:
        urbanmine.run({"second_life": {"share": None}})
    assert "$.second_life.share" in null.value.location


def test_scenario_files_text_and_missing_files(tmp_path):
    path = ROOT / "examples" / "global.toml"
    from_file = urbanmine.run(str(path))
    from_text = urbanmine.run(path.read_text())
    assert from_file.meta["scenario_hash"] == from_text.meta["scenario_hash"]
    other_name = tmp_path / "scenario.txt"
    other_name.write_text(path.read_text())
    assert urbanmine.run(str(other_name)).meta["scenario_hash"] == from_file.meta["scenario_hash"]
    with pytest.raises(urbanmine.UrbanmineError) as missing:
        urbanmine.run(str(tmp_path / "nope.toml"))
    assert "nope.toml" in str(missing.value)
    with pytest.raises(urbanmine.NotFoundError):
        from_file["no_such_table"]


def test_records_and_findings(baseline):
    policy = baseline.record("policy_checks")
    assert len(policy) > 10 and "rule_id" in policy.columns
    assert any("lithium" in text for _, text in baseline.findings)


def test_report_workbook_and_findings_in_korean(baseline, tmp_path):
    # The same documents as `urbanmine run --lang ko [--xlsx]`, from Python.
    english = baseline.report_html()
    korean = baseline.report_html(lang="ko")
    assert '<html lang="en">' in english and '<html lang="ko">' in korean
    assert "주요 결과" in korean
    findings = baseline.findings_in("ko")
    assert len(findings) == len(baseline.findings_in("en")) > 0
    assert findings[0][1] in korean
    path = tmp_path / "run_ko.xlsx"
    baseline.to_xlsx(path, lang="ko")
    import openpyxl  # noqa: PLC0415

    cover = openpyxl.load_workbook(path, read_only=True)["cover"]
    labels = [row[0] for row in cover.iter_rows(values_only=True)]
    assert "시나리오" in labels
    with pytest.raises(urbanmine.InvalidInputError) as bad:
        baseline.report_html(lang="fr")
    assert bad.value.location == "lang"


def test_stock_model_reproduces_the_reference_vectors():
    for path in sorted((ROOT / "tests" / "data" / "dsm").glob("s0*.json")):
        case = json.loads(path.read_text())
        life = case["lifetime"]
        kind = life["type"]
        if kind == "Fixed":
            lifetime = urbanmine.Fixed(life["mean"])
        elif kind == "Weibull":
            lifetime = urbanmine.Weibull(life["shape"], life["scale"])
        elif kind == "LogNormal":
            lifetime = urbanmine.LogNormal(life["mean"], life["std"],
                                           life.get("lognormal_parameterisation", "moments"))
        else:
            lifetime = getattr(urbanmine, kind)(life["mean"], life["std"])
        model = urbanmine.StockModel(case["time"], lifetime, age_offset=case["age_offset"])
        if case["mode"] == "inflow_driven":
            out = model.inflow_driven(case["input"]["inflow"])
        else:
            out = model.stock_driven(case["input"]["stock"],
                                     case.get("negative_inflow_correction", False))
        for name in ("stock", "outflow", "inflow", "stock_by_cohort", "outflow_by_cohort"):
            want = np.asarray(case["output"][name])
            got = getattr(out, name)
            scale = max(1.0, float(np.abs(want).max()))
            assert float(np.abs(got - want).max()) / scale < 1e-9, (path.name, name)
            # The engine's own buffers, handed over as numpy arrays (no JSON, no copy).
            assert isinstance(got, np.ndarray) and not got.flags.owndata, name
        assert out.stock_by_cohort.shape == (len(case["time"]), len(case["time"]))
        assert out.mass_balance["ok"]


def test_stock_model_errors_name_the_value():
    model = urbanmine.StockModel(range(2000, 2010), urbanmine.Normal(10, 0))
    with pytest.raises(urbanmine.InvalidInputError) as bad:
        model.inflow_driven(np.ones(10))
    assert "$.lifetime.std[0]" in bad.value.location
    with pytest.raises(urbanmine.InvalidInputError):
        urbanmine.StockModel(range(2000, 2010), urbanmine.Normal(10, 3)).inflow_driven([1.0, 2.0])
    fixed = urbanmine.StockModel(range(2000, 2010), urbanmine.Fixed(3), age_offset=0)
    out = fixed.inflow_driven(np.arange(10.0))
    # Every unit leaves after exactly three years.
    assert list(out.outflow[3:]) == list(np.arange(7.0))
    ds = out.to_xarray()
    assert ds["stock_by_cohort"].dims == ("time", "cohort")


def test_the_engine_runs_without_the_gil():
    ticks = 0
    done = threading.Event()

    def work():
        urbanmine.run()
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    assert ticks > 10  # the main thread kept running while the engine computed


@pytest.mark.skipif(not BIN, reason="URBANMINE_BIN not set")
def test_plant_balance_is_the_cli_answer_and_names_bad_fields():
    answer = urbanmine.plant.balance(chemistry="NMC622", mass_tonnes=1000,
                                     recovery={"Li": 0.9})
    cli = subprocess.run([BIN, "--format", "json", "plant", "balance", "--chemistry", "NMC622",
                          "--mass-tonnes", "1000", "--recovery", "Li=0.9"], check=True,
                         capture_output=True, text=True).stdout
    assert answer.to_dict() == json.loads(cli)
    assert answer.feed_tonnes == pytest.approx(1000.0)
    with pytest.raises(urbanmine.InvalidInputError) as bad:
        urbanmine.plant.balance(chemistry="NMC622", mass_tonnes=1000, recovery={"Li": 1.2})
    assert bad.value.location == "plant request: $.recovery.Li"
    with pytest.raises(urbanmine.InvalidInputError) as typo:
        urbanmine.plant.balance({"chemistry": "NMC622", "mass_tonne": 1000})
    assert "unknown key 'mass_tonne'" in str(typo.value)
    fit = urbanmine.plant.infer(output={"Co": 1500, "Ni": 2900, "Li": 1700})
    assert fit.total_feed_tonnes > 0


def test_match_schedule_and_check():
    instance = ROOT / "tests" / "data" / "match" / "small-s1.json"
    schedule = urbanmine.match.schedule(str(instance), time_limit=1, seed=1)
    assert schedule.meetings and schedule.objective > 0
    report = urbanmine.match.check(str(instance), schedule)
    assert report.feasible and report.violations == []
    # A meeting moved into a taken slot is a violation the check names.
    broken = schedule.to_dict()
    broken["meetings"].append(dict(broken["meetings"][0]))
    assert not urbanmine.match.check(str(instance), broken).feasible
    with pytest.raises(urbanmine.InvalidInputError):
        urbanmine.match.schedule({"format": "match-instance/1"}, time_limit=1)


@pytest.mark.skipif(not BIN, reason="URBANMINE_BIN not set")
def test_match_dealsheets_from_a_run(baseline, tmp_path):
    instance = tmp_path / "instance.json"
    subprocess.run([BIN, "-q", "match", "score", str(ROOT / "examples" / "event" / "profiles.csv"),
                    "--slots", "12", "--tables", "6", "--output", str(instance)], check=True)
    schedule = urbanmine.match.schedule(str(instance), time_limit=2, seed=1)
    sheets = urbanmine.match.dealsheets(str(instance), schedule, baseline, years=[2030])
    assert sheets.format == "urbanmine-dealsheets/2"
    assert len(sheets.meetings) == len(schedule.meetings)
    korea = sheets.meetings[0].k_country
    assert korea.region == "KOR"
    eol = baseline.to_pandas("end_of_life_t")
    li = eol[(eol.region == "KOR") & (eol.element == "Li") & (eol.year == 2030)].mass_tonnes.sum()
    assert korea.years[0].waste_tonnes.Li == pytest.approx(li, rel=1e-9)  # JSON: 11 digits
    page = urbanmine.match.dealsheets(str(instance), schedule, baseline, language="ko", html="F07")
    assert '<html lang="ko">' in page and "Indonesia delegation" in page
    with pytest.raises(urbanmine.InvalidInputError):
        urbanmine.match.dealsheets(str(instance), schedule, baseline, years=[2200])


@pytest.mark.skipif(not BIN, reason="URBANMINE_BIN not set")
def test_risk_policy_and_market_as_the_cli_gives_them(baseline):
    def cli_csv(*args):
        out = subprocess.run([BIN, "--format", "csv", *args], check=True, capture_output=True,
                             text=True).stdout
        return list(csv.DictReader(line for line in out.splitlines() if not line.startswith("#")))

    hhi, shares = urbanmine.risk.hhi("Co", 2022, stage="mine")
    cli = cli_csv("risk", "hhi", "--element", "Co", "--year", "2022")
    assert hhi.hhi.iloc[0] == pytest.approx(float(cli[0]["hhi"]), rel=1e-9)
    assert shares.share_fraction.sum() <= 1.0 + 1e-9
    ranking = baseline.market_rank(weights={"feedstock": 1.0}, year=2040)
    cli = cli_csv("market", "rank", "--weights", "feedstock=1", "--year", "2040")
    assert list(ranking.region[:5]) == [r["region"] for r in cli[:5]]
    # The run's own record table keeps its default weights (a copy was ranked).
    assert baseline.record("market_ranking").weights.iloc[0] != ranking.weights.iloc[0]
    # The module-level names of the issue: urbanmine.market.rank, urbanmine.policy.check.
    assert list(urbanmine.market.rank(baseline, weights={"feedstock": 1.0}, year=2040).region) \
        == list(ranking.region)
    assert list(urbanmine.policy.check(baseline, year=2030).status) == list(
        baseline.policy_check(year=2030).status)
    assert urbanmine.mfa.StockModel is urbanmine.StockModel
    checks = baseline.policy_check(year=2030)
    cli = cli_csv("policy", "check", "--year", "2030")
    assert list(checks.status) == [r["status"] for r in cli]
    assert list(checks.status) != list(baseline.policy_check(year=2024).status)
    with pytest.raises(urbanmine.InvalidInputError) as bad:
        baseline.market_rank(weights={"feedstok": 1})
    assert bad.value.location == "weights.feedstok"
    with pytest.raises(urbanmine.InvalidInputError):
        urbanmine.risk.hhi("Co", 2022, stage="smelter")


@pytest.mark.skipif(not BIN, reason="URBANMINE_BIN not set")
def test_supply_disruption_as_the_cli_gives_it(baseline):
    def cli_csv(*args):
        """The CLI's first table (its CSV holds "# name" sections, supply_disruption first)."""
        out = subprocess.run([BIN, "--format", "csv", *args], check=True, capture_output=True,
                             text=True).stdout
        first = out.split("\n# ")[0]
        return list(csv.DictReader(line for line in first.splitlines() if line and
                                   not line.startswith("#")))

    # Alone: cobalt without its largest supplier (world supply of the data year).
    gap, buys = urbanmine.risk.disruption(element="Co")
    cli = cli_csv("risk", "disruption", "--element", "Co")
    assert len(gap) == len(cli) > 0
    assert gap.dropped_suppliers.iloc[0] == cli[0]["dropped_suppliers"] == "Congo (Kinshasa)"
    assert list(gap.stage) == [r["stage"] for r in cli]
    for got, want in zip(gap.coverage_without_recycling_fraction, cli):
        assert got == pytest.approx(float(want["coverage_without_recycling_fraction"]), rel=1e-9)
    assert list(buys.recycled_to_close_gap_tonnes) == pytest.approx([230000.0, 172500.0])
    # On a run: the run's demand and recycling in 2035 (the CLI runs the same baseline).
    gap, _ = urbanmine.risk.disruption(baseline, year=2035, element="Li")
    cli = cli_csv("risk", "disruption", str(ROOT / "examples" / "global.toml"), "--year", "2035",
                  "--element", "Li")
    assert list(gap.coverage_with_recycling_fraction) == pytest.approx(
        [float(r["coverage_with_recycling_fraction"]) for r in cli], rel=1e-9)
    assert (gap.coverage_with_recycling_fraction >= gap.coverage_without_recycling_fraction).all()
    # The CLI's checks and messages.
    with pytest.raises(urbanmine.InvalidInputError) as bad:
        urbanmine.risk.disruption(top=2, drop=["China"])
    assert bad.value.location == "--top" and bad.value.exit_code == 3
    with pytest.raises(urbanmine.InvalidInputError):
        urbanmine.risk.disruption(region="KOR")
    with pytest.raises(urbanmine.InvalidInputError):
        urbanmine.risk.disruption(element="unobtainium")


@pytest.mark.skipif(not BIN, reason="URBANMINE_BIN not set")
def test_plan_and_source_as_the_cli_gives_them(baseline):
    def cli_tables(*args):
        """Every table of the CLI's CSV ("# name" sections) as lists of dicts."""
        out = subprocess.run([BIN, "-q", "--format", "csv", *args], check=True,
                             capture_output=True, text=True).stdout
        tables = {}
        for section in out.split("# ")[1:]:
            name, _, body = section.partition("\n")
            tables[name.strip()] = list(csv.DictReader(line for line in body.splitlines() if line))
        return tables

    plan = baseline.plan()
    cli = cli_tables("plan")
    assert set(cli) <= set(plan)
    assert len(plan["plan_builds"]) > 0
    # Both stop within the requested 1 % of the proven bound: their NPVs agree to that gap.
    npv, cli_npv = plan["plan_summary"].npv_usd.iloc[0], float(cli["plan_summary"][0]["npv_usd"])
    assert npv > 0 and abs(npv - cli_npv) <= 0.01 * abs(cli_npv)
    assert plan["plan_summary"].relative_gap.iloc[0] <= 0.01
    assert plan["notes"]
    with pytest.raises(urbanmine.InvalidInputError) as bad:
        baseline.plan(pareto=1)
    assert bad.value.location == "--pareto"
    with pytest.raises(urbanmine.InvalidInputError):
        baseline.plan(discount_rate=1.5)

    source = baseline.source(makers={"HUN": 0.3, "DEU": 0.1}, years=[2031, 2036])
    cli = cli_tables("source", "--maker", "HUN=0.3,DEU=0.1", "--years", "2031,2036")
    assert set(cli) <= set(source)
    mix = source["source_mix"]
    assert len(mix) == len(cli["source_mix"])
    for got, want in zip(mix.itertuples(), cli["source_mix"]):
        assert got.supplier == want["supplier"]
    with pytest.raises(urbanmine.InvalidInputError):
        baseline.source(objective="cheapest")


@pytest.mark.skipif(not BIN, reason="URBANMINE_BIN not set")
def test_iamc_export_reads_into_pandas_as_pyam_would(baseline, tmp_path):
    import pandas as pd

    path = tmp_path / "scenarios.csv"
    subprocess.run([BIN, "--no-progress", "-q", "iamc", str(ROOT / "examples" / "global.toml"),
                    str(ROOT / "examples" / "eu_circular.toml"), "-o", str(path)], check=True,
                   capture_output=True)
    wide = pd.read_csv(path)
    assert list(wide.columns[:5]) == ["Model", "Scenario", "Region", "Variable", "Unit"]
    # pyam's long form: one row per model, scenario, region, variable, unit and year.
    long = wide.melt(id_vars=list(wide.columns[:5]), var_name="year", value_name="value")
    long["year"] = long["year"].astype(int)
    assert not long.duplicated(["Model", "Scenario", "Region", "Variable", "Unit", "year"]).any()
    assert set(long.Scenario) == {"global baseline", "EU circular"}
    li = long[(long.Scenario == "global baseline") & (long.Region == "WORLD")
              & (long.Variable == "Waste Batteries|End of Life|Lithium") & (long.year == 2040)]
    expected = float(baseline["end_of_life_t"].sel(element="Li", year=2040).sum())
    assert float(li.value.iloc[0]) == pytest.approx(expected, rel=1e-9)


def test_every_public_name_has_a_type_stub():
    import ast
    import importlib
    import inspect

    package = pathlib.Path(urbanmine.__file__).parent
    for name in ("", "plant", "risk", "match", "policy", "market", "mfa", "passport"):
        module = importlib.import_module("urbanmine" + ("." + name if name else ""))
        stub = package / ((name or "__init__") + ".pyi")
        tree = ast.parse(stub.read_text())
        stubbed = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        stubbed |= {a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom)
                    for a in n.names}
        stubbed |= {t.id for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign))
                    for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
                    if isinstance(t, ast.Name)}
        public = {k for k, v in vars(module).items() if not k.startswith("_") and
                  (inspect.isfunction(v) or inspect.isclass(v)) and
                  getattr(v, "__module__", "").startswith("urbanmine") and
                  # helpers a submodule imports from a private module are not its API
                  (not name or not v.__module__.startswith("urbanmine._"))}
        assert public <= stubbed, f"{stub.name} lacks {sorted(public - stubbed)}"
