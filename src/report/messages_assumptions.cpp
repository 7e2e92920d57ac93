// SPDX-License-Identifier: Apache-2.0
// Catalogue entries of the engine's own assumption sentences (model/scenario.cpp,
// model/feedstock.cpp, model/run_model.cpp, chain/plant_step.cpp, cooperation/cooperation.cpp):
// each a sentence.assumption.* entry whose English is the engine's text with its variable parts
// as {placeholders}, matched by translate_text() against the stored English. The data's own
// notes (a CSV's "Assumption: ..." text with its source) are not here: they are listed as written.
// A translation may leave out a long list of English names ({list} of the pack-size factors) and
// point to where it is.
#include "report/messages.h"

namespace urbanmine::report {

namespace {

const Message kAssumptions[] = {
    // Names of the IEA projection groups the sales sentence lists.
    {"place.Europe", "Europe", "유럽"},
    {"place.Rest of the world", "Rest of the world", "기타 세계"},

    // Words inside the {list} of a sentence (codes and numbers otherwise).
    {"term.list.no limit", "no limit", "제한 없음"},
    {"term.list.up to age", "up to age", "차령 상한"},

    {"sentence.assumption.capacity_follows",
     "capacity follows feedstock ([capacity_follows_feedstock]): from {year}, each pool's capacity "
     "is at least {share} x the feedstock its regions had {lag} years earlier; regions without "
     "capacity data get a pool of their own (hydrometallurgy)",
     "역량이 원료를 따름([capacity_follows_feedstock]): {year}년부터 각 풀의 역량은 그 지역들이 "
     "{lag}년 전에 가졌던 원료의 {share}배 이상. 역량 데이터가 없는 지역은 자체 풀을 "
     "가짐(습식제련)"},
    {"sentence.assumption.capacity_none",
     "recycling capacity: no capacity figure in data or scenario covers {regions}; they have no "
     "capacity of their own, so all their feedstock is beyond home capacity (for trade or a plant "
     "to build)",
     "재활용 역량: 데이터나 시나리오의 어떤 역량 수치도 {regions}을(를) 포함하지 않음. 자체 역량이 "
     "없으므로 그 원료는 모두 자국 역량을 넘는 원료(교역 또는 신규 공장 대상)"},
    {"sentence.assumption.capacity_plants",
     "recycling capacity of {regions}: the sum of the region's operating and under-construction "
     "plants in recycling_plants.csv from each plant's commissioning year (announced plants not "
     "counted); black-mass capacity is converted to tonnes of battery with "
     "black_mass_t_per_t_battery of plan_parameters.csv; route: hydrometallurgy",
     "{regions}의 재활용 역량: recycling_plants.csv에서 그 지역의 가동 중·건설 중 공장을 각 공장의 "
     "가동 연도부터 합산(발표 단계 공장 제외). 블랙매스 역량은 plan_parameters.csv의 "
     "black_mass_t_per_t_battery로 배터리 톤으로 환산. 공정: 습식제련"},
    {"sentence.assumption.capacity_plants_announced",
     "recycling capacity of {regions}: the sum of the region's operating and under-construction "
     "plants in recycling_plants.csv from each plant's commissioning year (announced plants "
     "counted too: [recycling_plants] include_announced = true); black-mass capacity is converted "
     "to tonnes of battery with black_mass_t_per_t_battery of plan_parameters.csv; route: "
     "hydrometallurgy",
     "{regions}의 재활용 역량: recycling_plants.csv에서 그 지역의 가동 중·건설 중 공장을 각 공장의 "
     "가동 연도부터 합산(발표 단계 공장도 포함: [recycling_plants] include_announced = true). "
     "블랙매스 역량은 plan_parameters.csv의 black_mass_t_per_t_battery로 배터리 톤으로 환산. "
     "공정: 습식제련"},
    {"sentence.assumption.capacity_shared",
     "recycling capacity: a figure for an aggregate is shared by its model regions in proportion "
     "to their collected feedstock each year (equally when none is collected); capacity is "
     "interpolated between points and held flat outside them",
     "재활용 역량: 집계 지역의 수치는 매년 수거된 원료에 비례해 구성 모델 지역에 나눔(수거량이 "
     "없으면 균등). 역량은 시점 사이를 보간하고 그 밖에서는 일정하게 유지"},
    {"sentence.assumption.chemistry_share",
     "chemistry_share.csv: the EV Volumes series (Busch et al.; battery-electric light-duty "
     "vehicles) is applied to every segment; renormalised to sum to 1 each year (rounding leaves "
     "up to 2e-4), interpolated between years and held at 2015 before and at 2024 after the data "
     "unless the scenario sets [[chemistry_share]] points. IEA rows of chemistry_share.csv (other "
     "scope, bounds) are not used",
     "chemistry_share.csv: EV Volumes 계열(Busch 외, 순수전기 경량차)을 모든 부문에 적용. 매년 "
     "합이 "
     "1이 되도록 재정규화(반올림 오차 최대 2e-4), 연도 사이는 보간하고 데이터 이전은 2015년, "
     "이후는 2024년 값을 유지(시나리오가 [[chemistry_share]] 점을 정하지 않는 한). "
     "chemistry_share.csv의 IEA 행(다른 범위, 경계값)은 쓰지 않음"},
    {"sentence.assumption.chemistry_share_rules",
     "chemistry_share.csv: the EV Volumes series (Busch et al.; battery-electric light-duty "
     "vehicles) is applied to every segment except where chemistry_segment_share.csv sets a "
     "segment rule ({rules}; * = every region without its own row), whose groups keep the "
     "light-duty ratios inside them; renormalised to sum to 1 each year (rounding leaves up to "
     "2e-4), interpolated between years and held at 2015 before and at 2024 after the data unless "
     "the scenario sets [[chemistry_share]] points. IEA rows of chemistry_share.csv (other scope, "
     "bounds) are not used",
     "chemistry_share.csv: EV Volumes 계열(Busch 외, 순수전기 경량차)을 모든 부문에 적용하되, "
     "chemistry_segment_share.csv가 부문 규칙을 정한 곳({rules}; * = 자체 행이 없는 모든 지역)은 "
     "제외하며 그 그룹 안에서는 경량차 비율을 유지. 매년 합이 1이 되도록 재정규화(반올림 오차 최대 "
     "2e-4), 연도 사이는 보간하고 데이터 이전은 2015년, 이후는 2024년 값을 유지(시나리오가 "
     "[[chemistry_share]] 점을 정하지 않는 한). chemistry_share.csv의 IEA 행(다른 범위, 경계값)은 "
     "쓰지 않음"},
    {"sentence.assumption.chemistry_split_equally",
     "chemistry_segment_share.csv: {region} {segment}: a group has none of its chemistries in the "
     "light-duty mix of some year and is split equally among them",
     "chemistry_segment_share.csv: {region} {segment}: 어떤 해의 경량차 구성에 그룹의 화학계가 "
     "하나도 없어 그 화학계들에 균등 배분"},
    {"sentence.assumption.hhi_named_share",
     "HHI convention: {code} (named countries as shares of the world total; the unnamed remainder "
     "adds nothing)",
     "HHI 산정 방식: {code}(명시된 국가를 세계 합계 대비 점유율로 계산, 명시되지 않은 나머지는 "
     "더하지 않음)"},
    {"sentence.assumption.hhi_residual",
     "HHI convention: {code} (named countries as shares of the world total; the unnamed remainder "
     "counts as one producer)",
     "HHI 산정 방식: {code}(명시된 국가를 세계 합계 대비 점유율로 계산, 명시되지 않은 나머지는 한 "
     "생산국으로 셈)"},
    {"sentence.assumption.market_weights",
     "Market ranking: equal default weights (feedstock, policy, risk, growth 0.25 each) are an "
     "assumption; set them in the scenario or with --weights.",
     "시장 순위: 기본 가중치를 똑같이 둔 것(feedstock, policy, risk, growth 각 0.25)은 가정이며, "
     "시나리오나 --weights로 정할 수 있음."},
    {"sentence.assumption.model_collection_year",
     "model rule: collection and recycling happen in the year a battery becomes waste (Busch et "
     "al.'s 1-year recycling delay is not applied); recycled feed is split by the capacity pool's "
     "route mix",
     "모델 규칙: 수거와 재활용은 배터리가 폐기물이 된 해에 일어남(Busch 외의 1년 재활용 지연은 "
     "적용하지 않음). 재활용 원료는 역량 풀의 공정 구성대로 나눔"},
    {"sentence.assumption.model_packs_age",
     "model rule: vehicles and packs age separately (vehicle lifetime by sales year, pack lifetime "
     "by installation year, independent); a pack that fails while its vehicle runs is replaced by "
     "a new pack of the same size and chemistry (new-battery demand) and goes to end of life; a "
     "pack whose vehicle is scrapped first goes to second life (the second-life share) or to end "
     "of life; a pack never fails in its installation year",
     "모델 규칙: 차량과 팩은 따로 노화(차량 수명은 판매 연도, 팩 수명은 장착 연도 기준, 서로 "
     "독립). "
     "차량 운행 중 고장 난 팩은 같은 용량·화학계의 새 팩으로 교체되고(신규 배터리 수요) 수명 "
     "종료로 감. 차량이 먼저 폐차된 팩은 2차 수명(재사용 비율) 또는 수명 종료로 감. 팩은 장착한 "
     "해에는 고장 나지 않음"},
    {"sentence.assumption.negative_sales",
     "ev_sales.csv: {count} residual region-segment-year sales came out negative (IEA rounds "
     "large markets) and were set to zero",
     "ev_sales.csv: 잔여 지역·부문·연도 판매량 {count}건이 음수로 나와(IEA가 큰 시장을 반올림) "
     "0으로 둠"},
    {"sentence.assumption.pack_size_fallback",
     "pack_size.csv: {region} has no own pack-size series for {segments}; the World series is "
     "used (data/regions.csv, segments.csv)",
     "pack_size.csv: {region}에는 {segments} 부문의 자체 팩 용량 계열이 없어 세계 계열을 "
     "사용(data/regions.csv, segments.csv)"},
    {"sentence.assumption.pack_size_interpolated",
     "pack_size.csv: pack sizes are interpolated linearly between data years and held at the "
     "first and last data year outside them (2024 values from 2025 on) unless the scenario sets "
     "[[pack_size]] points",
     "pack_size.csv: 팩 용량은 데이터 연도 사이를 선형 보간하고 그 밖에서는 첫해·마지막 해 값을 "
     "유지(2025년부터 2024년 값). 시나리오가 [[pack_size]] 점을 정하면 그 값을 따름"},
    {"sentence.assumption.pack_size_steps",
     "pack_size.csv, battery_demand_steps.csv: pack sizes follow the data to its last year, then "
     "move linearly to the last data year's size times a factor per IEA region and vehicle mode "
     "that makes new-vehicle battery demand at IEA's STEPS sales equal IEA's STEPS battery "
     "demand, and hold after ([pack_size_path] projection = \"hold\" keeps the last data year's "
     "sizes; [[pack_size]] points override): {list}",
     "pack_size.csv, battery_demand_steps.csv: 팩 용량은 데이터 마지막 해까지 데이터를 따르고, "
     "이후 IEA STEPS 판매량에서의 신차 배터리 수요가 IEA STEPS 배터리 수요와 같아지도록 IEA "
     "지역·차종별 배수를 곱한 값으로 선형 이동한 뒤 유지([pack_size_path] projection = "
     "\"hold\"이면 "
     "마지막 데이터 해의 값을 유지, [[pack_size]] 점이 우선). 지역·차종별 배수는 summary.json의 "
     "assumptions에 있음"},
    {"sentence.assumption.plant_basis",
     "plant: reagents and energy per kg of battery (EverBatt Table 10) applied to the element "
     "tonnes recycled where the battery mass was not given, a lower bound of battery mass",
     "플랜트: 배터리 질량이 주어지지 않은 곳에는 배터리 kg당 시약·에너지(EverBatt Table 10)를 "
     "재활용된 원소 톤에 적용(배터리 질량의 하한)"},
    {"sentence.assumption.production_scrap",
     "production scrap: new pack kWh of all run regions x the scrap rate of "
     "production_scrap_rate.csv (held flat before its first year and after its last), placed in "
     "each region by its share of world cell capacity in cell_production_share.csv (the latest "
     "year at or before the run year); the rate applies to every element, although midstream "
     "(cathode) scrap holds no graphite, copper or aluminium foil",
     "생산 스크랩: 실행 전 지역의 신규 팩 kWh x production_scrap_rate.csv의 스크랩 비율(첫해 "
     "이전과 마지막 해 이후는 일정), cell_production_share.csv의 세계 셀 생산능력 점유율(실행 연도 "
     "이하 최신 연도)로 각 지역에 배치. 비율은 모든 원소에 적용되나 중간 공정(양극재) 스크랩에는 "
     "흑연, 구리, 알루미늄박이 없음"},
    {"sentence.assumption.production_scrap_off",
     "production scrap: off in this scenario ([production_scrap] enabled = false)",
     "생산 스크랩: 이 시나리오에서 끔([production_scrap] enabled = false)"},
    {"sentence.assumption.production_scrap_partial",
     "production scrap: off, because the run covers only some model regions (scrap is placed by "
     "world cell production shares; set [production_scrap] enabled = true to place the selected "
     "regions' demand by those shares anyway)",
     "생산 스크랩: 실행이 일부 모델 지역만 다루므로 끔(스크랩은 세계 셀 생산 점유율로 배치됨. "
     "선택한 지역의 수요를 그래도 그 점유율로 배치하려면 [production_scrap] enabled = true)"},
    {"sentence.assumption.recovery_rates",
     "recovery_rates.csv: EverBatt 2019 Table 12 defaults by route; blank cells (N/A) mean the "
     "route does not recover that element (0)",
     "recovery_rates.csv: 공정별 EverBatt 2019 Table 12 기본값. 빈칸(N/A)은 그 공정이 해당 원소를 "
     "회수하지 않음(0)을 뜻함"},
    {"sentence.assumption.replacement",
     "scenario [replacement]: a pack that fails in a running vehicle is replaced by a new pack "
     "with probability {list}; otherwise the vehicle is retired with its failed pack",
     "시나리오 [replacement]: 운행 중인 차량에서 고장 난 팩은 다음 확률로 새 팩으로 교체됨(부문, "
     "확률): {list}. 그렇지 않으면 차량은 고장 난 팩과 함께 폐차됨"},
    {"sentence.assumption.sales_growth",
     "sales after the projection targets grow at the scenario's [[sales.growth]] rates "
     "(region/segment, years, rate): {list}",
     "예측 목표 이후 판매량은 시나리오의 [[sales.growth]] 증가율(지역/부문, 연도, 증가율)로 증가: "
     "{list}"},
    {"sentence.assumption.sales_steps",
     "ev_sales_steps.csv: sales follow IEA's Stated Policies Scenario (Global EV Outlook 2025) to "
     "{last}, linear from the {first} data; {groups} are split among their model regions by each "
     "one's {first} share of the segment's sales (projection_regions.csv); after {last} the "
     "growth rates apply ([sales] projection = \"growth\" projects with growth rates only)",
     "ev_sales_steps.csv: 판매량은 {last}년까지 IEA 공표정책 시나리오(STEPS, Global EV Outlook "
     "2025)를 따르며 {first}년 데이터에서 선형으로 이어짐. {groups}은(는) 부문 판매량 중 각 모델 "
     "지역의 {first}년 비중으로 나눔(projection_regions.csv). {last}년 이후에는 증가율 "
     "적용([sales] projection = \"growth\"이면 증가율만으로 예측)"},
    {"sentence.assumption.second_life_age",
     "scenario [second_life]: only packs of vehicles scrapped at most this many years after their "
     "sales year may be repurposed (vehicle age stands for pack age; a replacement pack is "
     "younger, so the rule is conservative), older ones go to waste: {list}",
     "시나리오 [second_life]: 판매 후 이 햇수 이내에 폐차된 차량의 팩만 재사용 가능(차령을 팩 "
     "연령으로 간주. 교체 팩은 더 젊으므로 보수적인 규칙), 그보다 오래된 팩은 폐기물로: {list}"},
    {"sentence.assumption.second_life_cap",
     "scenario [second_life] cap_gwh_per_year: at most {gwh} GWh of packs enter second life per "
     "year over all model regions (each region's eligible packs scaled by the same factor); packs "
     "beyond the cap go to waste",
     "시나리오 [second_life] cap_gwh_per_year: 모든 모델 지역을 합쳐 연간 최대 {gwh} GWh의 팩만 "
     "2차 "
     "수명에 들어감(각 지역의 대상 팩을 같은 비율로 축소). 상한을 넘는 팩은 폐기물로"},
    {"sentence.assumption.second_life_share",
     "lifetime_params.csv: second-life share {share} of packs leaving with a scrapped vehicle "
     "(Busch et al. 2024 baseline, given for cars) applies to every segment (assumption: no "
     "segment-specific value in data)",
     "lifetime_params.csv: 폐차와 함께 나오는 팩의 2차 수명(재사용) 비율 {share}(Busch 외 2024 "
     "기준값, 승용차 기준)을 모든 부문에 적용(가정: 데이터에 부문별 값 없음)"},
    {"sentence.assumption.supply_risk",
     "Supply risk: trade factor t = 1; countries not listed in mine_production.csv count as "
     "non-producers; domestic production held at the latest data year for later run years.",
     "공급 위험: 교역 계수 t = 1. mine_production.csv에 없는 국가는 비생산국으로 봄. 자국 생산은 "
     "이후 실행 연도에도 최신 데이터 연도 값을 유지."},
    {"sentence.assumption.supply_risk_global",
     "Supply risk: each region's sourcing is assumed to mirror global supply (HHI_WGI).",
     "공급 위험: 각 지역의 조달이 세계 공급과 같다고 가정(HHI_WGI)."},
    {"sentence.assumption.trade",
     "trade: feedstock beyond home capacity is shipped, at least transport cost, to spare "
     "capacity of other pools over routes that plan_shipping_rules.csv and the scenario's "
     "[[trade.block]] entries leave open (a route to a pool is closed when it is closed to any "
     "member); distance is the great-circle distance between the regions' reference coordinates "
     "of plan_sites.csv to the pool's nearest member (sea routes are longer), cost and CO2 per "
     "t-km from plan_parameters.csv; a tonne of battery is shipped, whether as packs or black mass",
     "교역: 자국 역량을 넘는 원료는 plan_shipping_rules.csv와 시나리오의 [[trade.block]] 항목이 "
     "열어 둔 경로로 운송비가 가장 적게 드는 다른 역량 풀의 여유 역량에 보냄(풀의 구성원 중 "
     "하나에라도 닫힌 경로는 닫힘). 거리는 plan_sites.csv의 지역 기준 좌표에서 풀의 가장 가까운 "
     "구성원까지의 대권 거리(해상 경로는 더 김), t-km당 비용과 CO2는 plan_parameters.csv. 팩이든 "
     "블랙매스든 배터리 1톤을 운송"},
    {"sentence.assumption.trade_off",
     "trade: off in this scenario ([trade] enabled = false); feedstock beyond home capacity is "
     "stranded",
     "교역: 이 시나리오에서 끔([trade] enabled = false). 자국 역량을 넘는 원료는 처리되지 못하고 "
     "남음"},
    {"sentence.assumption.used_exports",
     "scenario [[used_vehicle_export]]: {count} used-vehicle export entries move the exported "
     "share of a cohort's vehicles still running at the export age, with their packs, to the "
     "destination's use phase; their replacements, scrapping and end of life then happen there "
     "(same lifetimes)",
     "시나리오 [[used_vehicle_export]]: 중고차 수출 항목 {count}건이 수출 연령에 아직 운행 중인 "
     "코호트 차량 중 수출 비율만큼을 팩과 함께 도착 지역의 사용 단계로 옮김. 이후 교체, 폐차, "
     "수명 종료는 그 지역에서 일어남(수명 동일)"},
};

}  // namespace

std::span<const Message> assumption_messages() { return kAssumptions; }

}  // namespace urbanmine::report
