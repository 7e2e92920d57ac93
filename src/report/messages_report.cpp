// SPDX-License-Identifier: Apache-2.0
// Catalogue entries of report.html and the run's findings, English and Korean (messages.h).
// The English texts are the report's own words; changing one changes every English report.
#include "report/messages.h"

namespace urbanmine::report {

namespace {

constexpr Message kReport[] = {
    // compare.html and the comparison's answer (report/compare_report.cpp); the headline
    // figures' English titles are the comparison's own (studies/compare.cpp).
    {"compare.answer", "{figure}, {element}, {region}, {year}: {deltas}.",
     "{year}년 {region}, {element} {figure}: {deltas}."},
    {"compare.answer.delta",
     "{run} {value} {unit} against {reference} {reference_value} {unit}, {delta} {unit} "
     "({percent})",
     "{run} {value} {unit}, 기준 {reference} {reference_value} {unit} 대비 {delta} {unit} "
     "({percent})"},
    {"compare.cells_differ",
     "{n} cells of this region and year differ; the largest by absolute delta, for each unit.",
     "이 지역과 연도에서 {n}개 셀이 다릅니다. 단위별로 절대 차이가 큰 순서입니다."},
    {"compare.chart_caption", "{title} in {region}, tonnes", "{region} {title}, 톤"},
    {"compare.charts", "Over the years in {region}", "{region} 연도별 추이"},
    {"compare.col.element", "element", "원소"},
    {"compare.col.reference", "reference", "기준값"},
    {"compare.col.run", "run", "실행"},
    {"compare.col.table", "table", "표"},
    {"compare.col.value", "value", "값"},
    {"compare.differences", "Largest differences in {region}, {year}",
     "{region} 최대 차이, {year}년"},
    {"compare.element_tonnes", "{element} (tonnes)", "{element} (톤)"},
    {"compare.every_difference", "Every difference ({n} cells, every region, element and year):",
     "모든 차이({n}개 셀, 모든 지역·원소·연도):"},
    {"compare.figure", "Figure", "지표"},
    {"compare.headline", "Headline differences in {region}, {year}",
     "{region} 주요 차이, {year}년"},
    {"compare.headline.collection_to_black_mass_surplus_t",
     "Stranded feedstock (no capacity takes it)", "미처리 원료(받아 줄 처리능력 없음)"},
    {"compare.headline.collection_to_recycling_t", "Recycled within capacity",
     "처리능력 안에서 재활용된 양"},
    {"compare.headline.end_of_life_t", "Waste batteries (end of life)", "폐배터리(수명 종료)"},
    {"compare.headline.material_demand_t", "Material demand (new packs)",
     "소재 수요(신규 배터리 팩)"},
    {"compare.headline.recycling_to_secondary_metal_t", "Metal recovered by recycling",
     "재활용 회수 금속"},
    {"compare.headline.waste_to_collection_t", "Collected for recycling", "재활용용 수거량"},
    {"compare.meta", "Focus: {region}, {year}", "초점: {region}, {year}년"},
    {"compare.no_difference", "No table differs in {region} in {year}.",
     "{year}년 {region}에서 달라진 표가 없습니다."},
    {"compare.no_headline", "The runs share none of the headline tables.",
     "실행들에 공통된 주요 표가 없습니다."},
    {"compare.not_compared", "Not in every run, so not compared: {tables}.",
     "모든 실행에 있지 않아 비교하지 않은 표: {tables}."},
    {"compare.reference", "reference run:", "기준 실행:"},
    {"compare.reference_short", "reference", "기준"},
    {"compare.run_n", "run {n}", "실행 {n}"},
    {"compare.scenarios", "Scenarios", "시나리오"},
    {"compare.title", "Comparison: {runs}", "비교: {runs}"},
    {"compare.tonnes", "tonnes", "톤"},

    // Elements (results::kElementCodes), as the findings name them.
    {"element.Al", "aluminium", "알루미늄"},
    {"element.Co", "cobalt", "코발트"},
    {"element.Cu", "copper", "구리"},
    {"element.Li", "lithium", "리튬"},
    {"element.Mn", "manganese", "망간"},
    {"element.Ni", "nickel", "니켈"},
    {"element.graphite", "graphite", "흑연"},

    // Findings (report/findings.cpp).
    {"finding.amount", "{mass} of {element}", "{element} {mass}"},
    {"finding.demand_check",
     "Modelled world EV battery demand in {year} is {model} GWh against {reported} GWh reported "
     "by IEA ({deviation} %).",
     "{year}년 세계 전기차 배터리 수요 모델값은 {model} GWh로, IEA 보고치 {reported} GWh와의 "
     "차이는 {deviation} %입니다."},
    {"finding.eol", "In {year}, waste batteries in the modelled regions hold {amounts}{top}.",
     "{year}년 모델 지역의 폐배터리에 함유된 금속: {amounts}{top}."},
    {"finding.eol.top", "; {region} has the most {element} ({mass}, {share} %)",
     "; {element} 최대 보유 지역은 {region} ({mass}, {share} %)"},
    {"finding.hhi",
     "{element} mine supply {year}: HHI {hhi} of 10,000 ({basis}); largest producer {producer} "
     "with {share}{missing}.",
     "{element} 광산 공급 {year}년: HHI {hhi}/10,000 ({basis}), 최대 생산국 {producer} "
     "{share}{missing}."},
    {"finding.hhi.basis.named", "from named countries' shares of world output",
     "세계 생산량 중 명시된 국가 점유율 기준"},
    {"finding.hhi.basis.residual", "counting the unnamed rest as one producer",
     "명시되지 않은 나머지를 한 생산자로 계산"},
    {"finding.hhi.missing", "; a lower bound, figures are blank for {missing}",
     "; 하한값이며, 수치가 공란인 생산국: {missing}"},
    {"finding.hhi.withheld", "{country} (withheld by the publisher: W)",
     "{country}(발행기관 비공개: W)"},
    {"finding.import_reliance",
     "In {year}, the run's recycling lowers {region} import reliance for {element} from "
     "{without} to {with} of battery demand.",
     "{year}년 이 실행의 재활용으로 {region}의 {element} 수입 의존도가 배터리 수요 대비 "
     "{without}에서 {with}(으)로 낮아집니다."},
    {"finding.list.last", " and ", ", "},
    {"finding.list.sep", ", ", ", "},
    {"finding.market",
     "Top opportunity for a recycler in {year}: {code} (score {score} = {parts}){weights}",
     "{year}년 재활용 사업 최대 기회: {code} (점수 {score} = {parts}){weights}"},
    {"finding.market.default_weights", "; weights are the equal defaults, an assumption.",
     "; 가중치는 동일한 기본값으로, 가정입니다."},
    {"finding.market.end", ".", "."},
    {"finding.market.missing", "missing", "없음"},
    {"finding.market.part.feedstock", "feedstock", "원료"},
    {"finding.market.part.growth", "growth", "성장"},
    {"finding.market.part.policy", "policy", "정책"},
    {"finding.market.part.risk", "risk", "위험"},
    {"finding.place", "{region} ({mass})", "{region} ({mass})"},
    {"finding.policy.count",
     "{checks} rule checks: {pass} pass, {fail} fail, {not_evaluable} not evaluable; {flagged} "
     "rest on rules of medium or low confidence.",
     "정책 규정 검사 {checks}건: 충족 {pass}, 미충족 {fail}, 평가 불가 {not_evaluable}. 이 중 "
     "{flagged}건은 신뢰도가 중간 또는 낮은 규정에 근거합니다."},
    {"finding.policy.gap",
     "Largest gap: {rule} ({metric}, {element}) in {region} {year}: {value} against {comparator} "
     "{threshold}.",
     "최대 격차: {rule} ({element}), {region} {year}년: {value} (기준 {comparator} "
     "{threshold})."},
    {"finding.recycled_share",
     "In {year}, recycled metal meets {shares} demand for new batteries in the modelled regions.",
     "{year}년 재활용 금속이 모델 지역의 신규 배터리 수요를 충당하는 비율: {shares}."},
    {"finding.replacements", "Replacement packs per vehicle over its life: {list}.",
     "차량 한 대가 수명 동안 교체하는 배터리 팩 수: {list}."},
    {"finding.section.end_of_life", "end_of_life", "수명 종료"},
    {"finding.section.fleet", "fleet", "차량"},
    {"finding.section.market", "market", "시장"},
    {"finding.section.policy", "policy", "정책"},
    {"finding.section.recycling", "recycling", "재활용"},
    {"finding.section.supply_risk", "supply_risk", "공급 위험"},
    {"finding.section.validation", "validation", "검증"},
    {"finding.share", "{share} % of {element}", "{element} {share} %"},
    {"finding.stranded",
     "Over {first}-{last}, the most feedstock stranded after trade (no legal spare capacity) is "
     "in {places}{metal}.",
     "{first}-{last}년 누적 기준, 운송 후에도 미처리로 남는 원료(합법적 여유 처리능력 없음)가 "
     "가장 많은 곳: {places}{metal}."},
    {"finding.stranded.metal", "; it holds {mass} of {element}",
     "; 여기에 함유된 {element}은(는) {mass}"},
    {"finding.surplus",
     "In {year}, {mass} of feedstock (collected batteries and production scrap) is beyond home "
     "recycling capacity; {shipped}{stranded}.",
     "{year}년 재활용 원료(수거된 배터리와 생산 스크랩) {mass}이(가) 자국 처리능력을 "
     "넘습니다. {shipped}{stranded}."},
    {"finding.surplus.destination", ", mainly to {destination}", ", 주로 {destination}(으)로"},
    {"finding.surplus.none",
     "In {year}, every modelled region recycles its feedstock (collected batteries and production "
     "scrap) within its own recycling capacity.",
     "{year}년 모든 모델 지역이 재활용 원료(수거된 배터리와 생산 스크랩)를 자국 처리능력 "
     "안에서 재활용합니다."},
    {"finding.surplus.none_stranded", "; none is stranded", "; 미처리 원료는 없습니다"},
    {"finding.surplus.not_shipped", "none of it can be shipped to spare capacity elsewhere",
     "이 중 다른 지역의 여유 처리능력으로 운송할 수 있는 양은 없습니다"},
    {"finding.surplus.shipped",
     "{mass} of it can legally be shipped to spare capacity elsewhere, most from {region} "
     "({region_mass}{destination})",
     "이 중 {mass}은(는) 다른 지역의 여유 처리능력으로 합법적으로 운송할 수 있으며, 가장 많은 "
     "곳은 {region}입니다 ({region_mass}{destination})"},
    {"finding.surplus.stranded",
     "; {mass} is stranded with no legal capacity, most in {region} ({region_mass}): a plant to "
     "build",
     "; {mass}은(는) 합법적으로 갈 수 있는 처리능력이 없어 미처리로 남으며, 가장 많은 곳은 "
     "{region}입니다 ({region_mass}): 신규 공장 후보"},
    {"finding.used_vehicles",
     "In {year}, {vehicles} used vehicles leave their region of sale for another modelled region "
     "(most from {from} to {to}: {top}), carrying {gwh} GWh of batteries; over {first}-{last} "
     "they take {mass} of {element} with them, whose end of life is counted in the importing "
     "region.",
     "{year}년 중고차 {vehicles}대가 판매 지역을 떠나 다른 모델 지역으로 이동하며(최대 경로: "
     "{from} → {to}, {top}대) 배터리 {gwh} GWh를 함께 가져갑니다. {first}-{last}년 동안 "
     "이들이 가져가는 {element}은(는) {mass}이며, 그 수명 종료는 수입 지역에서 집계됩니다."},

    // Places: model regions and aggregates (data/regions.csv) and the producer countries of the
    // supply data (mine_production.csv, refining_share.csv), by code or by the data's name.
    {"place.AUS", "Australia", "호주"},
    {"place.Argentina", "Argentina", "아르헨티나"},
    {"place.Australia", "Australia", "호주"},
    {"place.Australia + Chile + China (combined)", "Australia + Chile + China (combined)",
     "호주 + 칠레 + 중국(합계)"},
    {"place.Austria", "Austria", "오스트리아"},
    {"place.Brazil", "Brazil", "브라질"},
    {"place.Burma", "Burma", "미얀마"},
    {"place.CAN", "Canada", "캐나다"},
    {"place.CHN", "China", "중국"},
    {"place.CZE", "Czechia", "체코"},
    {"place.Canada", "Canada", "캐나다"},
    {"place.Chile", "Chile", "칠레"},
    {"place.China", "China", "중국"},
    {"place.China + Indonesia (combined)", "China + Indonesia (combined)",
     "중국 + 인도네시아(합계)"},
    {"place.Congo (Kinshasa)", "Congo (Kinshasa)", "콩고민주공화국"},
    {"place.Cuba", "Cuba", "쿠바"},
    {"place.Côte d’Ivoire", "Côte d’Ivoire", "코트디부아르"},
    {"place.DEU", "Germany", "독일"},
    {"place.EU27", "EU27", "유럽연합"},
    {"place.EU27_OTHER", "Rest of EU27", "기타 유럽연합"},
    {"place.EUROPE", "EUROPE", "유럽"},
    {"place.EUROPE_OTHER", "Rest of Europe", "기타 유럽"},
    {"place.FRA", "France", "프랑스"},
    {"place.Finland", "Finland", "핀란드"},
    {"place.GBR", "United Kingdom", "영국"},
    {"place.Gabon", "Gabon", "가봉"},
    {"place.Georgia", "Georgia", "조지아"},
    {"place.Germany", "Germany", "독일"},
    {"place.Ghana", "Ghana", "가나"},
    {"place.HUN", "Hungary", "헝가리"},
    {"place.IND", "India", "인도"},
    {"place.India", "India", "인도"},
    {"place.Indonesia", "Indonesia", "인도네시아"},
    {"place.JPN", "Japan", "일본"},
    {"place.Japan", "Japan", "일본"},
    {"place.KOR", "Korea", "한국"},
    {"place.Kazakhstan", "Kazakhstan", "카자흐스탄"},
    {"place.Korea, North", "Korea, North", "북한"},
    {"place.Korea, Republic of", "Korea, Republic of", "한국"},
    {"place.Madagascar", "Madagascar", "마다가스카르"},
    {"place.Malaysia", "Malaysia", "말레이시아"},
    {"place.Mali", "Mali", "말리"},
    {"place.Mexico", "Mexico", "멕시코"},
    {"place.Mozambique", "Mozambique", "모잠비크"},
    {"place.NORTH_AMERICA", "NORTH_AMERICA", "북미"},
    {"place.New Caledonia", "New Caledonia", "뉴칼레도니아"},
    {"place.Norway", "Norway", "노르웨이"},
    {"place.Other countries", "Other countries", "기타 국가"},
    {"place.POL", "Poland", "폴란드"},
    {"place.Papua New Guinea", "Papua New Guinea", "파푸아뉴기니"},
    {"place.Peru", "Peru", "페루"},
    {"place.Philippines", "Philippines", "필리핀"},
    {"place.Poland", "Poland", "폴란드"},
    {"place.Portugal", "Portugal", "포르투갈"},
    {"place.ROW", "Rest of world", "기타 세계"},
    {"place.Russia", "Russia", "러시아"},
    {"place.SWE", "Sweden", "스웨덴"},
    {"place.South Africa", "South Africa", "남아프리카공화국"},
    {"place.Sri Lanka", "Sri Lanka", "스리랑카"},
    {"place.Tanzania", "Tanzania", "탄자니아"},
    {"place.Turkey", "Turkey", "튀르키예"},
    {"place.USA", "United States", "미국"},
    {"place.Ukraine", "Ukraine", "우크라이나"},
    {"place.United States", "United States", "미국"},
    {"place.Vietnam", "Vietnam", "베트남"},
    {"place.WORLD", "WORLD", "세계"},
    {"place.World total (rounded)", "World total (rounded)", "세계 합계(반올림)"},
    {"place.Zambia", "Zambia", "잠비아"},
    {"place.Zimbabwe", "Zimbabwe", "짐바브웨"},
    {"place.top-3 refining countries (average)", "top-3 refining countries (average)",
     "상위 3개 정련국(평균)"},

    // report.html (report/run_report.cpp).
    {"report.assumptions.as_written",
     "The engine's own statements are translated; the data's notes are listed as written.",
     "엔진의 진술은 번역했고, 데이터에 적힌 주석은 원문(영어) 그대로 싣습니다."},
    {"report.assumptions.none", "The run reported no assumptions.",
     "이 실행이 보고한 가정이 없습니다."},
    {"report.assumptions.title", "Assumptions and sources", "가정과 출처"},
    {"report.axis.year", "year", "연도"},
    {"report.balance.failed", "Failed.", "실패."},
    {"report.balance.failed_text",
     "{failed} of {checks} checks do not balance; do not use these results before the cause is "
     "found.",
     "검사 {checks}건 중 {failed}건이 맞지 않습니다. 원인을 찾기 전에는 이 결과를 사용하지 "
     "마십시오."},
    {"report.balance.inputs", "Inputs", "투입"},
    {"report.balance.outputs", "Outputs", "산출"},
    {"report.balance.passed", "Passed.", "통과."},
    {"report.balance.passed_text",
     "All {checks} checks (inputs = outputs + stock change, per process, region, year and "
     "element) hold within tolerance; the largest residual is {residual}.",
     "검사 {checks}건(공정·지역·연도·원소별 투입 = 산출 + 재고 변화)이 모두 허용오차 안에서 "
     "성립합니다. 최대 잔차는 {residual}입니다."},
    {"report.balance.process", "Process", "공정"},
    {"report.balance.region", "Region", "지역"},
    {"report.balance.residual", "Residual", "잔차"},
    {"report.balance.stock_change", "Stock change", "재고 변화"},
    {"report.balance.title", "Mass balance", "물질수지"},
    {"report.card.balance", "mass balance: {checks} checks", "물질수지: 검사 {checks}건"},
    {"report.card.element", "{element} in end-of-life batteries in {year}",
     "{year}년 폐배터리 내 {element}"},
    {"report.card.eol", "batteries reaching end of life in {year}, world",
     "{year}년 수명이 끝나는 배터리, 세계"},
    {"report.card.failed", "FAILED", "실패"},
    {"report.card.passed", "passed", "통과"},
    {"report.card.share", "of new-battery {code} demand met by recycled metal in {year}",
     "{year}년 신규 배터리 {code} 수요 중 재활용 금속 충당 비율"},
    {"report.col.element", "Element", "원소"},
    {"report.col.year_t", "{year} (t)", "{year} (t)"},
    {"report.contents", "Contents", "목차"},
    {"report.files.contents", "Contents", "내용"},
    {"report.files.file", "File", "파일"},
    {"report.files.text",
     "Each table is a long-form CSV with one column per dimension and a value column whose name "
     "carries the unit. Rows with a value of exactly zero are left out.",
     "각 표는 차원마다 한 열과, 이름에 단위를 담은 값 열로 이루어진 긴 형식의 CSV입니다. 값이 "
     "정확히 0인 행은 생략합니다."},
    {"report.files.title", "Files of this run", "이 실행의 파일"},
    {"report.files.value_column", "Value column", "값 열"},
    {"report.findings.none", "The model reported no findings for this run.",
     "이 실행에서 모델이 보고한 결과가 없습니다."},
    {"report.findings.title", "Main findings", "주요 결과"},
    {"report.glance.collected", "Collected", "수거량"},
    {"report.glance.end_of_life", "End of life", "수명 종료"},
    {"report.glance.lead",
     "In {region} in {year}, {eol} t of {element} reach end of life in waste batteries; "
     "recycling recovers {recovered} t{share}{stranded}",
     "{year}년 {region}에서 폐배터리로 수명을 다하는 {element}은(는) {eol} t이며, 재활용으로 "
     "{recovered} t을 회수합니다{share}{stranded}"},
    {"report.glance.lead_end", ".", "."},
    {"report.glance.lead_share", ", {share} % of the {element} new batteries need ({demand} t)",
     " (신규 배터리에 필요한 {element} {demand} t의 {share} %)"},
    {"report.glance.lead_stranded",
     "; feedstock holding {stranded} t of {element} finds no recycling capacity it may legally "
     "reach.",
     ". 합법적으로 갈 수 있는 처리능력이 없는 원료에 {element} {stranded} t이 남습니다."},
    {"report.glance.need", "New-battery need", "신규 배터리 소요량"},
    {"report.glance.no_metal", "The run holds none of lithium, nickel or cobalt.",
     "이 실행에는 리튬, 니켈, 코발트가 없습니다."},
    {"report.glance.note",
     "Tonnes of each element: needed for new batteries; in batteries reaching end of life; "
     "collected; recovered by recycling; in feedstock (collected batteries and production scrap) "
     "that no recycling capacity it may legally reach takes; and recovered metal as a share of "
     "the need. Other regions: urbanmine run --focus CODE (a country such as KOR, or EU27, "
     "EUROPE, NORTH_AMERICA, WORLD); two runs side by side: urbanmine compare.",
     "원소별 톤: 신규 배터리 소요량, 수명이 끝나는 배터리 내 함량, 수거량, 재활용 회수량, "
     "합법적으로 갈 수 있는 처리능력이 없는 원료(수거된 배터리와 생산 스크랩) 내 함량, 소요량 "
     "대비 회수 금속 비율. 다른 지역: urbanmine run --focus CODE (KOR 같은 국가 또는 EU27, "
     "EUROPE, NORTH_AMERICA, WORLD). 두 실행 비교: urbanmine compare."},
    {"report.glance.recovered", "Recovered", "회수량"},
    {"report.glance.share", "Recovered / need", "회수량 / 소요량"},
    {"report.glance.stranded", "Stranded feedstock", "미처리 원료"},
    {"report.glance.title", "At a glance: {region}", "한눈에 보기: {region}"},
    {"report.howto",
     "urbanmine follows electric-vehicle batteries from sale, through use and an optional second "
     "life in stationary storage, to end of life, collection and recycling, and counts the "
     "lithium, nickel, cobalt, manganese, graphite and other metals they carry. Masses are metric "
     "tonnes (t) of each element; battery capacity is in kWh (1 GWh = 1,000,000 kWh). "
     "\u201cWorld\u201d figures add up every region of the run. Charts stack regions, so the top "
     "edge of a chart is the world total. Every number here is also in the CSV files next to "
     "this page; sources and assumptions are listed at the end.",
     "urbanmine은 전기차 배터리를 판매부터 사용, 선택적인 에너지저장장치 재사용, 수명 종료, "
     "수거, 재활용까지 추적하고, 배터리에 담긴 리튬·니켈·코발트·망간·흑연 등 금속의 양을 "
     "계산합니다. 질량은 원소별 미터톤(t), 배터리 용량은 kWh(1 GWh = 1,000,000 kWh)입니다. "
     "\u201c세계\u201d 수치는 실행에 포함된 모든 지역의 합계입니다. 차트는 지역을 누적하므로 "
     "차트의 윗선이 세계 합계입니다. 이 보고서의 모든 수치는 같은 폴더의 CSV 파일에도 있으며, "
     "출처와 가정은 끝부분에 있습니다."},
    {"report.howto.title", "How to read this report.", "이 보고서를 읽는 방법."},
    {"report.key.demand", "New-battery demand", "신규 배터리 수요"},
    {"report.key.demand_recovered",
     "Metal needed for new batteries, and metal recovered by recycling (secondary supply):",
     "신규 배터리에 필요한 금속과 재활용으로 회수한 금속(2차 공급):"},
    {"report.key.eol",
     "Metal contained in batteries that reach end of life (after any second life), by element "
     "and year:",
     "수명이 끝나는 배터리(재사용 이후 포함)에 함유된 금속, 원소 및 연도별:"},
    {"report.key.recovered", "Recovered by recycling", "재활용 회수량"},
    {"report.key.title", "Key figures, world", "주요 수치, 세계"},
    {"report.largest", "{title} (largest {n})", "{title} (상위 {n})"},
    {"report.meta",
     "Years {first}\u2013{last} \u00b7 scenario {path} \u00b7 scenario hash {hash} \u00b7 "
     "urbanmine {version}",
     "{first}\u2013{last}년 \u00b7 시나리오 {path} \u00b7 시나리오 해시 {hash} \u00b7 urbanmine "
     "{version}"},
    {"report.na", "n/a", "해당 없음"},
    {"report.not_known", "not known", "알 수 없음"},
    {"report.other_regions", "Other regions", "기타 지역"},
    {"report.page_title", "urbanmine report: {name}", "urbanmine 보고서: {name}"},
    {"report.records.all_of_year", "{shown} rows of {year}; {total} rows in all years.",
     "{year}년 {shown}행, 전체 연도 {total}행."},
    {"report.records.empty_columns", "Empty in every row shown, so left out: {columns}.",
     "표시된 모든 행에서 비어 있어 생략한 열: {columns}."},
    {"report.records.first", "First {shown} of {total} rows.", "전체 {total}행 중 처음 {shown}행."},
    {"report.records.first_of_year",
     "First {shown} of {available} rows of {year}; {total} rows in all years.",
     "{year}년 {available}행 중 처음 {shown}행, 전체 연도 {total}행."},
    {"report.records.full", "Full table: {file}", "전체 표: {file}"},
    {"report.records.prose_columns", "Text columns in the CSV only: {columns}.",
     "원문(영어) 텍스트 열은 CSV에만 있습니다: {columns}."},
    {"report.records.order",
     "Failing checks first, then passing ones, then those the run cannot evaluate.",
     "미충족 규정을 먼저, 다음으로 충족 규정, 마지막으로 평가할 수 없는 규정 순입니다."},
    {"report.sankey.capacity", "battery capacity (kWh)", "배터리 용량(kWh)"},
    {"report.sankey.element", "{element} (tonnes)", "{element}(톤)"},
    {"report.sankey.text",
     "World flows of {what} in {year}, from new batteries to recovered metal. Band widths are "
     "proportional to the flow. \u201c"
     "Added to stock\u201d is material that stays in vehicles and storage in that year. "
     "Collected batteries and production scrap are recycled within the region's capacity; what "
     "is beyond it is shipped to spare capacity elsewhere where the shipment rules allow, and the "
     "rest is stranded; process losses are what a route does not recover.",
     "{year}년 세계 {what} 흐름: 신규 배터리에서 회수 금속까지. 띠의 폭은 흐름의 양에 "
     "비례합니다. \u201c보유량 증가\u201d는 그해 차량과 저장장치에 남는 물질입니다. 수거된 "
     "배터리와 생산 스크랩은 지역 처리능력 안에서 재활용되고, 이를 넘는 양은 운송 규정이 "
     "허용하는 곳의 여유 처리능력으로 운송되며, 나머지는 미처리로 남습니다. 공정 손실은 공정이 "
     "회수하지 못하는 양입니다."},
    {"report.sankey.title", "Where the material goes in {year}", "{year}년 물질 흐름"},
    {"report.scenario", "scenario", "시나리오"},
    {"report.secondary.axis", "share of demand, %", "수요 대비 비율, %"},
    {"report.secondary.caption",
     "Recovered metal as a percentage of the metal needed for new batteries in the same year.",
     "같은 해 신규 배터리에 필요한 금속 대비 회수 금속의 비율."},
    {"report.secondary.chart", "Recycled share of new-battery demand, world",
     "신규 배터리 수요 중 재활용 비율, 세계"},
    {"report.secondary.text",
     "A rising line means recycling covers a growing part of the metal that new batteries need. "
     "It stays well below 100 % while the fleet grows, because the batteries retiring today were "
     "built when sales were much smaller.",
     "선이 오를수록 재활용이 신규 배터리 금속 수요의 더 큰 부분을 충당한다는 뜻입니다. 지금 "
     "퇴역하는 배터리는 판매량이 훨씬 적던 시기에 만들어졌으므로, 차량 보유가 늘어나는 동안에는 "
     "100 %에 한참 못 미칩니다."},
    {"report.secondary.title", "Secondary supply: recycled metal against demand",
     "2차 공급: 수요 대비 재활용 금속"},
    {"report.security.largest", "Largest supplier", "최대 공급국"},
    {"report.security.mineral", "Mineral", "광물"},
    {"report.security.recycled", "Recycled (t)", "재활용량 (t)"},
    {"report.security.share", "Its share", "점유율"},
    {"report.security.stage", "Stage", "단계"},
    {"report.security.text",
     "For each mineral and stage: the share of the world's {year} battery demand modelled here "
     "that the other producers could still cover if the largest one stopped supplying, first "
     "from mines or refineries alone, then adding the metal recycled in the run. Producer shares "
     "are from the latest supply data (the full table, every year, is below).",
     "광물과 단계별로, 최대 생산국이 공급을 멈출 때 나머지 생산국이 여기서 모델링한 {year}년 "
     "세계 배터리 수요를 얼마나 충당할 수 있는지를 먼저 광산 또는 정련소만으로, 다음으로 이 "
     "실행의 재활용 금속을 더해 보여 줍니다. 생산국 점유율은 최신 공급 자료 기준입니다(모든 "
     "연도의 전체 표는 아래에 있습니다)."},
    {"report.security.title", "If the largest supplier drops out, {year}",
     "최대 공급국이 이탈할 경우, {year}년"},
    {"report.security.with", "Covered with recycling", "재활용 포함 충당률"},
    {"report.security.without", "Covered without recycling", "재활용 제외 충당률"},
    {"report.series.element.axis", "tonnes of {code} per year", "연간 {code} 톤"},
    {"report.series.element.caption", "Tonnes of {code} contained in waste batteries, per year.",
     "폐배터리에 함유된 {code}, 연간 톤."},
    {"report.series.element.title", "{element} in end-of-life batteries", "폐배터리 내 {element}"},
    {"report.series.kwh.axis", "capacity, {unit}", "용량, {unit}"},
    {"report.series.kwh.caption", "Capacity of batteries leaving first use ({unit} per year).",
     "1차 사용을 마치는 배터리의 용량(연간 {unit})."},
    {"report.series.kwh.title", "Batteries reaching end of life", "수명이 끝나는 배터리"},
    {"report.series.text",
     "Each chart stacks the regions with the most end-of-life material; the rest are grouped as "
     "\u201cOther regions\u201d. The dashed line marks {year}, the year of the flow diagram "
     "below.",
     "각 차트는 수명 종료 물량이 가장 많은 지역을 누적해 보여 주며, 나머지는 \u201c기타 "
     "지역\u201d으로 묶었습니다. 점선은 아래 흐름도의 연도인 {year}년입니다."},
    {"report.series.title", "End of life over time, by region and element",
     "지역·원소별 수명 종료 추이"},
    {"report.shipped.axis", "tonnes of feedstock shipped to other regions' capacity, {year}",
     "다른 지역 처리능력으로 운송한 원료(톤), {year}년"},
    {"report.shipped.caption",
     "Least-cost legal allocation of feedstock to spare capacity (feedstock_shipments_t).",
     "여유 처리능력에 대한 원료의 최소비용 합법 배분(feedstock_shipments_t)."},
    {"report.shipped.empty", "Nothing is shipped in {year}.", "{year}년 운송량이 없습니다."},
    {"report.shipped.route", "{from} to {to}", "{from} \u2192 {to}"},
    {"report.shipped.title", "Shipments between regions", "지역 간 운송"},
    {"report.stranded.axis", "tonnes of feedstock stranded after trade, {year}",
     "교역 후 미처리 원료(톤), {year}년"},
    {"report.stranded.caption",
     "Feedstock no legal route to spare capacity takes (feedstock_stranded_t).",
     "여유 처리능력으로 가는 합법적 경로가 없는 원료(feedstock_stranded_t)."},
    {"report.stranded.empty", "Nothing is stranded in {year}.", "{year}년 미처리 원료가 없습니다."},
    {"report.stranded.title", "Stranded feedstock", "미처리 원료"},
    {"report.surplus.idle.axis", "tonnes of recycling capacity without home feedstock, {year}",
     "자국 원료가 없는 재활용 처리능력(톤), {year}년"},
    {"report.surplus.idle.caption",
     "Home recycling capacity minus collected batteries and production scrap, where positive, "
     "before trade.",
     "교역 전, 자국 재활용 처리능력에서 수거 배터리와 생산 스크랩을 뺀 값 중 양수."},
    {"report.surplus.idle.empty", "No region has idle capacity in {year}.",
     "{year}년에 유휴 처리능력이 있는 지역이 없습니다."},
    {"report.surplus.idle.title", "Idle recycling capacity", "유휴 처리능력"},
    {"report.surplus.over.axis", "tonnes of feedstock beyond home capacity, {year}",
     "자국 처리능력 초과 원료(톤), {year}년"},
    {"report.surplus.over.caption",
     "Collected batteries and production scrap minus home recycling capacity, where positive, "
     "before trade (feedstock_surplus_t).",
     "교역 전, 수거 배터리와 생산 스크랩에서 자국 재활용 처리능력을 뺀 값 중 "
     "양수(feedstock_surplus_t)."},
    {"report.surplus.over.empty", "No region has a surplus in {year}.",
     "{year}년에 잉여가 있는 지역이 없습니다."},
    {"report.surplus.over.title", "Feedstock beyond home capacity", "자국 처리능력 초과 원료"},
    {"report.surplus.text",
     "Feedstock beyond home capacity is the mass of collected waste batteries and production "
     "scrap a region cannot recycle with its own plants; idle capacity is the reverse, plants "
     "that need imported feedstock to run full. Trade ships the first to the second where the "
     "shipment rules allow, at least transport cost; what no legal route can place is stranded: "
     "the case for a new plant.",
     "자국 처리능력 초과 원료는 지역이 자체 공장으로 재활용할 수 없는 수거 폐배터리와 생산 "
     "스크랩의 질량이고, 유휴 처리능력은 그 반대로 가동률을 채우려면 원료를 수입해야 하는 "
     "공장입니다. 교역은 운송 규정이 허용하는 범위에서 최소 운송비로 전자를 후자로 보내며, "
     "합법적 경로가 없는 양은 미처리로 남습니다. 이것이 신규 공장의 근거입니다."},
    {"report.surplus.title", "Recycling feedstock against capacity by region, {year}",
     "지역별 재활용 원료와 처리능력, {year}년"},
    {"report.title", "Waste EV batteries and critical minerals: {name}",
     "폐 전기차 배터리와 핵심광물: {name}"},

    // Recycling routes (recovery_rates.csv) and the nodes of the flow diagram (run_report.cpp
    // build_flows: the English labels are the diagram's own).
    {"route.direct", "Direct", "직접 재활용"},
    {"route.hydrometallurgy", "Hydrometallurgy", "습식 제련"},
    {"route.mechanical", "Mechanical", "기계적 처리"},
    {"route.pyrometallurgy", "Pyrometallurgy", "건식 제련"},
    {"sankey.node.black_mass_surplus", "Stranded (no legal capacity)",
     "미처리(합법 처리능력 없음)"},
    {"sankey.node.collection", "Collected", "수거"},
    {"sankey.node.end_of_life", "End of first life", "1차 수명 종료"},
    {"sankey.node.feedstock", "Feedstock for recycling", "재활용 원료"},
    {"sankey.node.in_use", "In use and second life", "사용 중(재사용 포함)"},
    {"sankey.node.lost_or_exported", "Lost or exported", "유실 또는 수출"},
    {"sankey.node.new_batteries", "New batteries", "신규 배터리"},
    {"sankey.node.process_losses", "Process losses", "공정 손실"},
    {"sankey.node.production_scrap", "Production scrap", "생산 스크랩"},
    {"sankey.node.received", "Received from other regions", "다른 지역에서 받은 원료"},
    {"sankey.node.second_life", "Second life (storage)", "재사용(저장장치)"},
    {"sankey.node.secondary_metal", "Recovered metal", "회수 금속"},
    {"sankey.node.shipped", "Shipped to another region", "다른 지역으로 운송"},
    {"sankey.node.stock_added", "Added to stock", "보유량 증가"},
    {"sankey.node.used_export", "Used vehicles sold abroad", "해외로 판매된 중고차"},
    {"sankey.node.used_import", "Used vehicles bought abroad", "해외에서 들여온 중고차"},
    {"sankey.node.waste", "Waste batteries", "폐배터리"},

    // The run's Excel workbook (report/run_xlsx.cpp); the English is what it always wrote.
    {"xlsx.chart.description",
     "World totals by element and year (sum over regions and routes) of end_of_life_t and "
     "recycling_to_secondary_metal_t, with a line chart of each",
     "end_of_life_t와 recycling_to_secondary_metal_t의 원소·연도별 세계 합계(지역과 공정 합산)와 "
     "각각의 선 그래프"},
    {"xlsx.chart.end_of_life.label", "end of life t", "수명 종료 t"},
    {"xlsx.chart.end_of_life.title", "World end of life by element (t)",
     "원소별 세계 수명 종료량 (t)"},
    {"xlsx.chart.recovered.label", "recovered t", "회수 t"},
    {"xlsx.chart.recovered.title", "World recovered metal by element (t)",
     "원소별 세계 회수 금속 (t)"},
    {"xlsx.chart.y_axis", "tonnes", "톤"},
    {"xlsx.cover.assumptions", "assumptions", "가정"},
    {"xlsx.cover.code_version", "code version", "코드 버전"},
    {"xlsx.cover.created", "created (UTC)", "작성 시각 (UTC)"},
    {"xlsx.cover.description", "description (with data sources)", "설명 (데이터 출처 포함)"},
    {"xlsx.cover.findings", "findings", "주요 결과"},
    {"xlsx.cover.rows", "rows", "행 수"},
    {"xlsx.cover.scenario", "scenario", "시나리오"},
    {"xlsx.cover.scenario_file", "scenario file", "시나리오 파일"},
    {"xlsx.cover.scenario_hash", "scenario hash (SHA-256 of scenario and data files)",
     "시나리오 해시 (시나리오와 데이터 파일의 SHA-256)"},
    {"xlsx.cover.seed", "seed", "난수 시드"},
    {"xlsx.cover.sheet", "sheet", "시트"},
    {"xlsx.cover.table", "table", "표"},
    {"xlsx.cover.value_column", "value column (unit)", "값 열 (단위)"},
    {"xlsx.cover.years", "years", "연도"},
    {"xlsx.cover.zero_rows", "zero rows", "0인 행"},
    {"xlsx.cover.zero_rows_text", "rows whose value is exactly 0 are left out, as in the CSV files",
     "CSV 파일과 같이 값이 정확히 0인 행은 싣지 않음"},
};

}  // namespace

std::span<const Message> report_messages() { return kReport; }

}  // namespace urbanmine::report
