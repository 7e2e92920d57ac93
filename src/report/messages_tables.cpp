// SPDX-License-Identifier: Apache-2.0
// Catalogue entries naming the tables of a run (titles, descriptions, columns, cell values).
#include "report/messages.h"

namespace urbanmine::report {

namespace {

constexpr Message kTable[] = {
    // Result tables (results/registry.h): a short title, and the registry's description.
    {"table.cell_manufacturing_to_recycling_t.description",
     "Element mass in production scrap, fed to recycling with collected batteries",
     "수거 배터리와 함께 재활용에 투입되는 생산 스크랩의 원소 질량"},
    {"table.cell_manufacturing_to_recycling_t.title",
     "Production scrap to recycling, tonnes of element", "재활용에 투입되는 생산 스크랩(원소 t)"},
    {"table.collected_battery_t.description", "Collected battery (cell) mass, tonnes of battery",
     "수거된 배터리(셀) 질량, 배터리 톤"},
    {"table.collected_battery_t.title", "Collected batteries, tonnes of battery",
     "수거 배터리(배터리 t)"},
    {"table.collection_to_black_mass_surplus_t.description",
     "Stranded feedstock: collected batteries and production scrap that neither home capacity nor "
     "any capacity it may legally be shipped to takes (a plant to build)",
     "미처리 원료: 자국 처리능력도, 합법적으로 운송할 수 있는 다른 처리능력도 받아들이지 않는 수거 "
     "배터리와 생산 스크랩(신규 공장 후보)"},
    {"table.collection_to_black_mass_surplus_t.title", "Stranded feedstock, tonnes of element",
     "미처리 원료(원소 t)"},
    {"table.collection_to_recycling_t.description",
     "Collected batteries recycled within capacity, by route",
     "처리능력 안에서 재활용된 수거 배터리, 공정별"},
    {"table.collection_to_recycling_t.title", "Recycled by route, tonnes of element",
     "공정별 재활용 투입량(원소 t)"},
    {"table.end_of_life_t.description",
     "Element content of waste batteries (end of life not repurposed, plus second-life outflow)",
     "폐배터리의 원소 함량(재사용되지 않은 수명 종료분과 재사용 후 배출분의 합)"},
    {"table.end_of_life_t.title", "End of life, tonnes of element", "폐배터리 발생량(원소 t)"},
    {"table.end_of_life_to_second_life_kwh.description",
     "Packs of scrapped vehicles repurposed for stationary storage",
     "폐차 차량에서 나와 에너지저장장치용으로 재사용되는 배터리 팩"},
    {"table.end_of_life_to_second_life_kwh.title", "Packs into second life, kWh",
     "재사용으로 전환되는 배터리 팩(kWh)"},
    {"table.end_of_life_to_second_life_t.description",
     "Element content of packs entering second life", "재사용에 들어가는 배터리 팩의 원소 함량"},
    {"table.end_of_life_to_second_life_t.title", "Packs into second life, tonnes of element",
     "재사용으로 전환되는 배터리 팩(원소 t)"},
    {"table.feedstock_available_t.description",
     "Available for recycling in the region: collected waste batteries plus production scrap",
     "지역에서 재활용할 수 있는 양: 수거된 폐배터리와 생산 스크랩의 합"},
    {"table.feedstock_available_t.title", "Recycling feedstock available, tonnes of element",
     "가용 재활용 원료(원소 t)"},
    {"table.feedstock_exported_t.description",
     "Feedstock shipped to spare capacity in another region (waste batteries or black mass)",
     "다른 지역의 여유 처리능력으로 운송되는 원료(폐배터리 또는 블랙매스)"},
    {"table.feedstock_exported_t.title", "Feedstock exported, tonnes of element",
     "원료 수출(원소 t)"},
    {"table.feedstock_imported_t.description",
     "Feedstock shipped in from other regions and recycled here",
     "다른 지역에서 들여와 이 지역에서 재활용하는 원료"},
    {"table.feedstock_imported_t.title", "Feedstock imported, tonnes of element",
     "원료 수입(원소 t)"},
    {"table.feedstock_recycled_at_home_t.description",
     "Available feedstock recycled by the region's own capacity pool",
     "지역 자체 처리능력으로 재활용되는 가용 원료"},
    {"table.feedstock_recycled_at_home_t.title", "Feedstock recycled at home, tonnes of element",
     "자국 내 재활용 원료(원소 t)"},
    {"table.feedstock_shipments_t.description",
     "Shipments of feedstock, tonnes of battery, from a region to a capacity pool (a region or an "
     "aggregate): the least-cost legal allocation of surplus to spare capacity",
     "지역에서 처리능력 풀(지역 또는 권역)로 가는 원료 운송량(배터리 톤): 잉여를 여유 처리능력에 "
     "최소비용으로 합법적으로 배분한 결과"},
    {"table.feedstock_shipments_t.title", "Feedstock shipments, tonnes of battery",
     "원료 운송(배터리 t)"},
    {"table.feedstock_stranded_t.description",
     "Feedstock, tonnes of battery, beyond home capacity that no legal route to spare capacity "
     "takes",
     "자국 처리능력을 넘는 원료 중 여유 처리능력으로 가는 합법적 경로가 없는 양(배터리 톤)"},
    {"table.feedstock_stranded_t.title", "Stranded feedstock after trade, tonnes of battery",
     "교역 후 미처리 원료(배터리 t)"},
    {"table.feedstock_surplus_t.description",
     "Collected battery and production scrap mass minus home recycling capacity, before trade: "
     "positive = surplus, negative = idle capacity",
     "교역 전 수거 배터리와 생산 스크랩의 질량에서 자국 재활용 처리능력을 뺀 값: 양수 = 잉여, 음수 "
     "= 유휴 처리능력"},
    {"table.feedstock_surplus_t.title", "Feedstock surplus before trade, tonnes of battery",
     "교역 전 원료 잉여(배터리 t)"},
    {"table.feedstock_transport_co2_t.description",
     "Transport CO2 of the region's feedstock exports (great-circle distance x CO2 per t-km)",
     "지역 원료 수출의 운송 CO2(대권 거리 × t-km당 CO2)"},
    {"table.feedstock_transport_co2_t.title", "Feedstock transport CO2, tonnes",
     "원료 운송 CO2(t)"},
    {"table.feedstock_transport_cost_usd.description",
     "Transport cost of the region's feedstock exports (great-circle distance x cost per t-km)",
     "지역 원료 수출의 운송비(대권 거리 × t-km당 비용)"},
    {"table.feedstock_transport_cost_usd.title", "Feedstock transport cost, USD",
     "원료 운송비(USD)"},
    {"table.in_use_stock_kwh.description", "Battery packs in use in vehicles at year end",
     "연말 기준 차량에서 사용 중인 배터리 팩"},
    {"table.in_use_stock_kwh.title", "Batteries in use, kWh", "사용 중인 배터리(kWh)"},
    {"table.in_use_stock_t.description", "Element content of packs in use at year end",
     "연말 기준 사용 중인 배터리 팩의 원소 함량"},
    {"table.in_use_stock_t.title", "Batteries in use, tonnes of element",
     "사용 중인 배터리(원소 t)"},
    {"table.in_use_vehicles.description", "EVs in use at the end of each year",
     "연말 기준 운행 중인 전기차"},
    {"table.in_use_vehicles.title", "EVs in use, vehicles", "운행 중인 전기차(대)"},
    {"table.material_demand_t.description", "Element content of new packs (material demand)",
     "신규 배터리 팩의 원소 함량(소재 수요)"},
    {"table.material_demand_t.title", "Material demand, tonnes of element", "소재 수요(원소 t)"},
    {"table.new_batteries_kwh.description",
     "New battery packs (sales plus replacements), kWh by region, segment, chemistry and year",
     "지역·차종·화학계·연도별 신규 배터리 팩(판매분과 교체분), kWh"},
    {"table.new_batteries_kwh.title", "New batteries, kWh", "신규 배터리(kWh)"},
    {"table.new_batteries_t.description",
     "Element content of new packs by region, segment, chemistry, element and year",
     "지역·차종·화학계·원소·연도별 신규 배터리 팩의 원소 함량"},
    {"table.new_batteries_t.title", "New batteries by chemistry, tonnes of element",
     "화학계별 신규 배터리(원소 t)"},
    {"table.production_scrap_kwh.description",
     "Cell manufacturing scrap: the world's new pack kWh x the scrap rate, placed by the region's "
     "share of world cell capacity",
     "셀 제조 스크랩: 세계 신규 배터리 팩 kWh × 스크랩 비율을 세계 셀 생산능력 중 지역 점유율에 "
     "따라 배분"},
    {"table.production_scrap_kwh.title", "Production scrap, kWh", "생산 스크랩(kWh)"},
    {"table.recycling_capacity_t.description",
     "Recycling capacity available to the region, tonnes of battery per year",
     "지역이 이용할 수 있는 재활용 처리능력, 연간 배터리 톤"},
    {"table.recycling_capacity_t.title", "Recycling capacity, tonnes of battery per year",
     "재활용 처리능력(연간 배터리 t)"},
    {"table.recycling_co2e_avoided_t.description",
     "Primary-production CO2e avoided by the recycled products (GREET 2022 factors in EverBatt "
     "2023, co2_factors.csv).",
     "재활용 제품이 대체하는 1차 생산의 CO2e 회피량(EverBatt 2023의 GREET 2022 계수, "
     "co2_factors.csv)."},
    {"table.recycling_co2e_avoided_t.title", "CO2e avoided by recycling, tonnes",
     "재활용에 따른 CO2e 회피량(t)"},
    {"table.recycling_co2e_emitted_t.description",
     "Process CO2e of recycling reagents with a factor in co2_factors.csv",
     "co2_factors.csv에 계수가 있는 재활용 시약의 공정 CO2e"},
    {"table.recycling_co2e_emitted_t.title", "Process CO2e of recycling, tonnes",
     "재활용 공정 CO2e 배출량(t)"},
    {"table.recycling_revenue_usd.description", "Revenue of recycling products",
     "재활용 제품 매출"},
    {"table.recycling_revenue_usd.title", "Recycling revenue, USD", "재활용 매출(USD)"},
    {"table.recycling_to_products_t.description",
     "Products of recycling by region and year (compounds such as Li2CO3 and NiSO4·6H2O in tonnes "
     "of product; other materials as sold), from the plant model with EverBatt defaults.",
     "지역·연도별 재활용 제품(Li2CO3, NiSO4·6H2O 같은 화합물은 제품 톤, 기타 소재는 판매 형태 "
     "기준). EverBatt 기본값을 적용한 공장 모델 결과."},
    {"table.recycling_to_products_t.title", "Recycling products, tonnes of product",
     "재활용 제품(제품 t)"},
    {"table.recycling_to_residue_t.description",
     "Element mass entering recycling but not recovered (slag, residues), by route",
     "재활용에 투입되었으나 회수되지 않은 원소 질량(슬래그, 잔재물), 공정별"},
    {"table.recycling_to_residue_t.title", "Recycling residue by route, tonnes of element",
     "공정별 재활용 잔재물(원소 t)"},
    {"table.recycling_to_secondary_metal_t.description",
     "Metal recovered by recycling (secondary supply), by route",
     "재활용으로 회수한 금속(2차 공급), 공정별"},
    {"table.recycling_to_secondary_metal_t.title", "Recovered metal by route, tonnes of element",
     "공정별 회수 금속(원소 t)"},
    {"table.replacement_packs.description",
     "Replacement packs installed in running vehicles whose pack failed",
     "배터리 팩이 고장 난 운행 차량에 장착된 교체 팩"},
    {"table.replacement_packs.title", "Replacement packs, packs", "교체 배터리 팩(개)"},
    {"table.sales_vehicles.description",
     "EV sales by region, segment and year (history, projection)",
     "지역·차종·연도별 전기차 판매량(실적 및 전망)"},
    {"table.sales_vehicles.title", "EV sales, vehicles", "전기차 판매량(대)"},
    {"table.second_life_stock_kwh.description", "Repurposed packs in second-life use at year end",
     "연말 기준 재사용 중인 배터리 팩"},
    {"table.second_life_stock_kwh.title", "Packs in second life, kWh",
     "재사용 중인 배터리 팩(kWh)"},
    {"table.second_life_stock_t.description", "Element content of packs in second life at year end",
     "연말 기준 재사용 중인 배터리 팩의 원소 함량"},
    {"table.second_life_stock_t.title", "Packs in second life, tonnes of element",
     "재사용 중인 배터리 팩(원소 t)"},
    {"table.second_life_to_waste_kwh.description", "Packs leaving second life as waste",
     "재사용을 마치고 폐기물이 되는 배터리 팩"},
    {"table.second_life_to_waste_kwh.title", "Packs leaving second life, kWh",
     "재사용을 마친 배터리 팩(kWh)"},
    {"table.second_life_to_waste_t.description", "Element content of packs leaving second life",
     "재사용을 마친 배터리 팩의 원소 함량"},
    {"table.second_life_to_waste_t.title", "Packs leaving second life, tonnes of element",
     "재사용을 마친 배터리 팩(원소 t)"},
    {"table.secondary_supply_share.description",
     "Recovered metal as a share of material demand for new batteries",
     "신규 배터리 소재 수요 대비 회수 금속의 비율"},
    {"table.secondary_supply_share.title", "Secondary supply share, fraction", "2차 공급 비율"},
    {"table.use_to_end_of_life_by_element_t.description",
     "Element content of packs leaving vehicles (failed or with a scrapped vehicle)",
     "차량에서 나오는 배터리 팩(고장 또는 폐차)의 원소 함량"},
    {"table.use_to_end_of_life_by_element_t.title", "Packs leaving vehicles, tonnes of element",
     "차량에서 나오는 배터리 팩(원소 t)"},
    {"table.use_to_end_of_life_kwh.description",
     "Packs leaving vehicles: failed packs and packs of scrapped vehicles",
     "차량에서 나오는 배터리 팩: 고장 난 팩과 폐차 차량의 팩"},
    {"table.use_to_end_of_life_kwh.title", "Packs leaving vehicles, kWh",
     "차량에서 나오는 배터리 팩(kWh)"},
    {"table.use_to_end_of_life_t.description",
     "Element content of packs leaving vehicles by region, segment, chemistry, element and year",
     "지역·차종·화학계·원소·연도별 차량에서 나오는 배터리 팩의 원소 함량"},
    {"table.use_to_end_of_life_t.title", "Packs leaving vehicles by chemistry, tonnes of element",
     "화학계별 차량에서 나오는 배터리 팩(원소 t)"},
    {"table.use_to_used_vehicle_export_kwh.description",
     "Packs in used vehicles leaving the region's use phase for another region",
     "해당 지역의 사용 단계를 떠나 다른 지역으로 가는 중고차의 배터리 팩"},
    {"table.use_to_used_vehicle_export_kwh.title", "Packs in exported used vehicles, kWh",
     "수출 중고차의 배터리 팩(kWh)"},
    {"table.use_to_used_vehicle_export_t.description",
     "Element content of packs in used vehicles exported to another region",
     "다른 지역으로 수출되는 중고차 배터리 팩의 원소 함량"},
    {"table.use_to_used_vehicle_export_t.title",
     "Packs in exported used vehicles, tonnes of element", "수출 중고차의 배터리 팩(원소 t)"},
    {"table.used_vehicle_import_to_use_kwh.description",
     "Packs in used vehicles arriving in the region's use phase from another region",
     "다른 지역에서 해당 지역의 사용 단계로 들어오는 중고차의 배터리 팩"},
    {"table.used_vehicle_import_to_use_kwh.title", "Packs in imported used vehicles, kWh",
     "수입 중고차의 배터리 팩(kWh)"},
    {"table.used_vehicle_import_to_use_t.description",
     "Element content of packs in used vehicles imported from another region",
     "다른 지역에서 수입되는 중고차 배터리 팩의 원소 함량"},
    {"table.used_vehicle_import_to_use_t.title",
     "Packs in imported used vehicles, tonnes of element", "수입 중고차의 배터리 팩(원소 t)"},
    {"table.used_vehicle_trade_vehicles.description",
     "Used vehicles exported with their packs from a region (origin) to another model region "
     "(destination), by segment and year (only in runs with [[used_vehicle_export]])",
     "지역(출발지)에서 다른 모델 지역(도착지)으로 배터리 팩과 함께 수출되는 중고차, "
     "차종·연도별([[used_vehicle_export]]이 있는 실행에만 해당)"},
    {"table.used_vehicle_trade_vehicles.title", "Used-vehicle trade, vehicles", "중고차 교역(대)"},
    {"table.waste_to_collection_t.description", "Waste batteries collected for recycling",
     "재활용을 위해 수거된 폐배터리"},
    {"table.waste_to_collection_t.title", "Collected, tonnes of element", "수거량(원소 t)"},
    {"table.waste_to_lost_or_exported_t.description",
     "Waste batteries not collected (lost or exported)", "수거되지 않은 폐배터리(유실 또는 수출)"},
    {"table.waste_to_lost_or_exported_t.title",
     "Not collected (lost or exported), tonnes of element", "미수거량(유실 또는 수출, 원소 t)"},

    // Record tables: titles (results::RecordSpec) and the builders' descriptions (a dynamic
    // description has its static part here).
    {"records.backtest.description",
     "Projected and actual value of each region, segment and year after the freeze year (sales in "
     "vehicles, battery demand in kWh).",
     "동결 연도 이후 지역·차종·연도별 전망값과 실적(판매량은 대, 배터리 수요는 kWh)."},
    {"records.backtest.title", "Backtest: projected against actual, by region, segment and year",
     "백테스트: 지역·차종·연도별 전망값과 실적 비교"},
    {"records.backtest_summary.description",
     "Each rule projects every region x segment's EV sales from the data up to the freeze year "
     "over the years after it; errors against IEA's sales (ev_sales.csv) and against the fleet "
     "model's battery demand at those sales. MAPE over cells above a minimum size; WAPE and bias "
     "(projected - actual, over actual) over all. scenario2030 uses a projection made after the "
     "freeze year: not out of sample.",
     "각 규칙은 동결 연도까지의 자료로 지역×차종별 전기차 판매량을 그 이후 연도에 대해 전망하며, "
     "IEA 판매량(ev_sales.csv) 및 그 판매량에서 차량 모델이 산출한 배터리 수요와의 오차를 "
     "계산합니다. MAPE는 최소 규모 이상의 셀만, WAPE와 편향((전망값 - 실적) / 실적)은 모든 셀을 "
     "대상으로 합니다. scenario2030은 동결 연도 이후에 작성된 전망을 사용하므로 표본 외 검증이 "
     "아닙니다."},
    {"records.backtest_summary.title",
     "Backtest: projection error of each sales rule (MAPE, WAPE, bias)",
     "백테스트: 판매 전망 규칙별 전망 오차(MAPE, WAPE, 편향)"},
    {"records.battery_demand_check.description",
     "New battery capacity (sales plus replacements) from the model against the EV battery demand "
     "IEA reports (data/battery_demand.csv). Only regions whose members are all in the run are "
     "shown.",
     "모델의 신규 배터리 용량(판매분과 교체분)을 IEA가 보고한 전기차 배터리 "
     "수요(data/battery_demand.csv)와 비교합니다. 구성 지역이 모두 실행에 포함된 지역만 "
     "표시합니다."},
    {"records.battery_demand_check.title",
     "EV battery demand: model against IEA (validation case B)",
     "전기차 배터리 수요: 모델값과 IEA 보고치 비교(검증 사례 B)"},
    {"records.data_files.description",
     "Every data file this run read (names relative to the data folder; passport files of "
     "[[passport_fleet]] as found), with its size and SHA-256. The run hash covers the scenario "
     "text and all of these files.",
     "이 실행이 읽은 모든 데이터 파일(데이터 폴더 기준 경로, [[passport_fleet]]의 여권 파일은 찾은 "
     "경로 그대로)과 그 크기 및 SHA-256. 실행 해시는 "
     "시나리오 본문과 이 파일 전체를 포괄합니다."},
    {"records.data_files.title", "Data files this run read, with their SHA-256",
     "이 실행이 읽은 데이터 파일과 SHA-256"},
    {"records.eu_supply_risk.description",
     "SR = [HHI_WGI,t,GS x IR/2 + HHI_WGI,t,EUS x (1 - IR/2)] x (1 - EoL_RIR) x SI_SR by stage (E "
     "extraction, P processing), HHI_WGI,t = sum of share^2 x WGI x t. Shares and t: EU CRM 2023 "
     "Annex 7; WGI: data/wgi.csv. sr_low/sr_high: SR before substitution over IR in 0-1 when IR is "
     "not known (at the given IR otherwise). implied_si_low/high: the substitution index the "
     "published SR implies (derived; published SR +-0.05).",
     "단계별(E 채굴, P 가공) SR = [HHI_WGI,t,GS × IR/2 + HHI_WGI,t,EUS × (1 - IR/2)] × (1 - "
     "EoL_RIR) × SI_SR, HHI_WGI,t = Σ 점유율^2 × WGI × t. 점유율과 t: EU CRM 2023 부속서 7, WGI: "
     "data/wgi.csv. sr_low/sr_high: IR을 모를 때 IR 0-1 범위에서의 대체 전 SR(IR이 주어지면 그 IR "
     "기준). implied_si_low/high: 공표된 SR이 함의하는 대체 지수(도출값, 공표 SR ±0.05)."},
    {"records.hhi.description",
     "HHI on the 0-10,000 scale of the latest data year per element and stage (named-share: named "
     "countries as shares of the world total; residual-as-producer: the unnamed remainder counts "
     "as one producer). Sources: USGS Mineral Commodity Summaries (mine, reserves), IEA (refining "
     "shares, partly approximate). Producers with blank figures are listed as missing, never "
     "filled; with missing producers the HHI is a lower bound.",
     "원소·단계별 최신 자료 연도의 HHI(0-10,000 척도). 산정 방식은 명시 점유율 방식(명시된 국가를 "
     "세계 합계 대비 점유율로 계산) 또는 잔여분 단일 생산자 방식(명시되지 않은 나머지를 하나의 "
     "생산자로 계산)입니다. 출처: USGS 광물 상품 요약(채굴, 매장량), IEA(정련 점유율, 일부 "
     "근사치). 수치가 비어 있는 생산국은 누락으로 표시하며 채우지 않습니다. 누락 생산국이 있으면 "
     "HHI는 하한값입니다."},
    {"records.hhi.title", "Supply concentration (Herfindahl-Hirschman index) by element and stage",
     "원소·단계별 공급 집중도(허핀달-허쉬만 지수)"},
    {"records.hhi_contributions.description",
     "share_fraction of the denominator; hhi_points = (100 x share)^2.",
     "share_fraction은 분모 대비 점유율이며, hhi_points = (100 × 점유율)^2입니다."},
    {"records.hhi_contributions.title", "Producer shares and HHI contributions",
     "생산국 점유율과 HHI 기여도"},
    {"records.market_ranking.description",
     "Score = sum of parts; part = weight x criterion normalised 0-1 (min-max over the ranked "
     "countries). Criteria: feedstock (black-mass surplus: collected feedstock minus recycling "
     "capacity, t), policy (numeric recycling mandates applying to the country), risk "
     "(demand-weighted import reliance without recycling), growth (compound annual growth of "
     "battery material demand over 5 years). A missing criterion adds no part and is listed. Ties "
     "are broken by country code.",
     "점수 = 구성 점수의 합, 구성 점수 = 가중치 × 0-1로 정규화한 기준값(순위 대상 국가 간 "
     "최소-최대 정규화). 기준: 원료(블랙매스 잉여: 수거 원료 - 재활용 처리능력, t), 정책(해당 "
     "국가에 적용되는 수치형 재활용 의무), 위험(재활용 제외 시 수요 가중 수입 의존도), 성장(5년간 "
     "배터리 소재 수요의 연평균 성장률). 사용한 가중치(합계 1로 조정)는 weights 열에 있습니다. "
     "누락된 기준은 점수를 더하지 않으며 별도로 표시합니다. 동점은 국가 코드 순으로 정합니다."},
    {"records.market_ranking.title",
     "Country opportunities for a recycler (ranking with its parts)",
     "재활용 사업자의 국가별 기회(순위와 구성 점수)"},
    {"records.market_robust_ranking.description",
     "Score = sum of parts; part = weight (scaled to sum 1) x value / best value (lower-is-better "
     "criteria: best value / value); countries whose scores differ by no more than the score "
     "resolution share a rank. Rank ranges: best, 5th and 95th percentile and worst rank under "
     "weight vectors drawn from a flat Dirichlet distribution. docs/market.md.",
     "점수 = 구성 점수의 합, 구성 점수 = 가중치(합계 1로 조정) × 값 / 최고값(낮을수록 좋은 기준은 "
     "최고값 / 값). 점수 차이가 점수 해상도 이하인 국가는 같은 순위입니다. 순위 범위: 균등 "
     "디리클레 분포에서 추출한 가중치 벡터에서의 최고, 5 및 95 백분위, 최저 순위. docs/market.md."},
    {"records.market_sensitivity.description",
     "Rank of each country when one weight is multiplied by 0.8 or 1.2 (the others unchanged, then "
     "all scaled to sum 1), with the best and worst rank over these eight cases.",
     "가중치 하나에 0.8 또는 1.2를 곱했을 때(나머지는 그대로 두고 전체 합계를 1로 조정) 각 국가의 "
     "순위와, 이 여덟 경우 중 최고 및 최저 순위."},
    {"records.market_sensitivity.title", "Ranking sensitivity to each weight (+/-20%)",
     "가중치별 순위 민감도(+/-20%)"},
    {"records.passport_fleet_chemistry.description",
     "Share of new pack capacity (kWh) of each chemistry in the cohort: in the data, among the "
     "passports, and as the run uses it. Mode coverage: the passports' kWh plus the data's mix for "
     "the uncovered vehicles (kWh-weighted); mode sample: the passports' mix.",
     "코호트의 신규 팩 용량(kWh) 중 각 화학계의 비중: 데이터, 여권, 그리고 실행에서 쓰인 값. "
     "coverage 방식: 여권의 kWh에 포괄되지 않은 차량분은 데이터의 구성을 더함(kWh 가중); sample "
     "방식: 여권의 구성."},
    {"records.passport_fleet_chemistry.title",
     "Battery passports as fleet data: chemistry mix by model year",
     "배터리 여권을 차량 데이터로: 모델 연도별 화학계 구성"},
    {"records.passport_fleet_coverage.description",
     "For each [[passport_fleet]] entry and model year: the EV passports read, their rated energy, "
     "the vehicles the data have sold in that region, segment and year, the share of them the "
     "passports cover (passports / vehicles sold, at most 1), and the pack size of the data and of "
     "the run. Mode coverage: pack = c x passport mean + (1 - c) x data; mode sample: pack = "
     "passport mean.",
     "[[passport_fleet]] 항목과 모델 연도별로: 읽은 전기차 배터리 여권 수와 정격 에너지, 데이터상 "
     "해당 지역·차종·연도의 판매 차량 수, 여권이 포괄하는 비율(여권 수 / 판매 차량 수, 최대 1), "
     "데이터와 실행의 팩 용량. coverage 방식: 팩 = c x 여권 평균 + (1 - c) x 데이터; sample 방식: "
     "팩 = 여권 평균."},
    {"records.passport_fleet_coverage.title",
     "Battery passports as fleet data: coverage and pack size by model year",
     "배터리 여권을 차량 데이터로: 모델 연도별 포괄 비율과 팩 용량"},
    {"records.passport_fleet_intensity.description",
     "Element content of the passports' batteryMaterials (kg, by data/passport_substances.csv "
     "formulas) over their rated energy (kWh), by chemistry, against the model's "
     "material_intensity.csv. The run keeps the model's intensity; a ratio far from 1 says the "
     "passports' batteries differ from the literature values.",
     "여권 batteryMaterials의 원소 함량(kg, data/passport_substances.csv 화학식 기준)을 정격 "
     "에너지(kWh)로 나눈 값을 화학계별로 모델의 material_intensity.csv와 비교. 실행은 모델의 "
     "원단위를 유지하며, 비율이 1에서 멀면 여권 배터리가 문헌값과 다르다는 뜻입니다."},
    {"records.passport_fleet_intensity.title",
     "Battery passports: element content per kWh against the model's",
     "배터리 여권: kWh당 원소 함량과 모델값 비교"},
    {"records.policy_checks.description",
     "Every rule of policy_rules.csv for each region of the run in its jurisdiction (EU-wide CRMA "
     "benchmarks once for the EU aggregate), checked in the year of its effective date: pass, fail "
     "with the gap (shortfall to the threshold, as a fraction), or not_evaluable with the reason. "
     "`basis` names the model quantity and any proxy. Rules of medium or low confidence were not "
     "checked against the legal text (confidence_note).",
     "policy_rules.csv의 모든 규정을 그 관할권에 속하는 실행의 각 지역에 대해(EU 전체 CRMA "
     "기준치는 EU 권역에 대해 한 번) 시행일이 속한 연도에 점검합니다. 결과는 충족, 격차(기준치 "
     "대비 부족분, 비율)를 포함한 미충족, 또는 사유를 포함한 평가 불가입니다. `basis`는 모델 "
     "수량과 대리지표를 나타냅니다. 신뢰도가 중간 또는 낮음인 규정은 법령 원문과 대조하지 "
     "않았습니다(confidence_note)."},
    {"records.policy_checks.title", "Policy rules checked against this run",
     "이 실행에 대한 정책 규정 점검"},
    {"records.recycling_buys.description",
     "The supply gap after the disruption without recycling (s x D), the part the run's recycled "
     "supply closes (s x R), the gap left (s x (D - R)), and the recycled tonnes that would close "
     "the gap entirely with the other suppliers' output fixed (R + s x (D - R)).",
     "재활용이 없을 때 공급 차질 후의 부족분(s × D), 이 실행의 재활용 공급이 메우는 부분(s × R), "
     "남는 부족분(s × (D - R)), 그리고 다른 공급국의 생산량이 고정일 때 부족분을 모두 메우는 데 "
     "필요한 재활용량(R + s × (D - R), t)."},
    {"records.recycling_buys.title",
     "What recycling buys: recycled tonnes against the disruption gap",
     "재활용의 효과: 공급 차질 부족분 대비 재활용량(t)"},
    {"records.regions.description",
     "The model's regions (countries and residual groups) and the aggregates each belongs to whose "
     "member regions are all in the run (data/regions.csv). Result tables hold model regions only; "
     "an aggregate's total is the sum over the regions that list it.",
     "모델의 지역(국가와 잔여 지역군)과, 구성 지역이 모두 실행에 포함된 경우 각 지역이 속하는 "
     "권역(data/regions.csv). 결과 표에는 모델 지역만 있으며, 권역의 합계는 그 권역을 나열한 "
     "지역들의 합입니다."},
    {"records.regions.title", "Model regions", "모델 지역"},
    {"records.replacement_packs_per_vehicle.description",
     "Expected number of replacement packs a vehicle sold in the first model year receives over "
     "its life (vehicle and pack lifetimes independent; a pack that fails in a running vehicle is "
     "replaced), and replacements installed during the run per vehicle sold.",
     "첫 모델 연도에 판매된 차량 한 대가 수명 동안 받는 교체 배터리 팩의 기대 개수(차량 수명과 팩 "
     "수명은 서로 독립이며, 운행 중인 차량에서 고장 난 팩은 교체됨)와, 실행 기간에 설치된 교체 팩 "
     "수를 판매 차량 수로 나눈 값."},
    {"records.replacement_packs_per_vehicle.title", "Replacement packs per vehicle sold",
     "판매 차량당 교체 배터리 팩 수"},
    {"records.supply_disruption.description",
     "For each element, stage and year: the suppliers dropped, their share s of world supply, and "
     "the share of demand the remaining suppliers cover without recycling (1 - s) and with the "
     "run's recycled supply R ((1 - s)(D - R) + R) / D. Primary supply is assumed balanced to the "
     "demand it serves (D without recycling, D - R with it) and the remaining suppliers keep their "
     "output. Shares: USGS mine production by country (mine), IEA refining shares (refining). D is "
     "battery demand of the run (all uses when no run is given: D = world mine production of the "
     "data year).",
     "원소·단계·연도별로 이탈한 공급국, 그 세계 공급 점유율 s, 그리고 나머지 공급국이 충당하는 "
     "수요 비율: 재활용 제외 시 (1 - s), 이 실행의 재활용 공급 R 포함 시 ((1 - s)(D - R) + R) / D. "
     "1차 공급은 충당하는 수요(재활용 제외 시 D, 포함 시 D - R)와 균형을 이룬다고 가정하며, 나머지 "
     "공급국은 생산량을 유지합니다. 점유율: 국가별 USGS 광산 생산(채굴), IEA 정련 점유율(정련). "
     "D는 이 실행의 배터리 수요입니다(실행이 없으면 모든 용도: D = 자료 연도의 세계 광산 생산량)."},
    {"records.supply_disruption.title",
     "Supply disruption: demand covered when the largest supplier drops out",
     "공급 차질: 최대 공급국 이탈 시 수요 충당률"},
    {"records.supply_risk.description",
     "SR = [HHI_WGI,GS x IR/2 + HHI_WGI,sourcing x (1 - IR/2)] x (1 - EoL_RIR) x SI (EU "
     "criticality methodology 2017; trade factor t = 1, not in data). IR = (demand - domestic mine "
     "production - secondary supply) / demand, clipped to 0-1 (battery demand of the run; domestic "
     "production from USGS mine_production.csv, latest year not after the row's year; countries "
     "not listed count as non-producers). Without recycling: secondary = 0 and EoL_RIR = 0; with "
     "recycling: EoL_RIR = secondary / demand. HHI_WGI,GS from USGS mine shares and World Bank WGI "
     "(EU scaling). Missing inputs are listed, never zero-filled; sr_before_substitution omits SI.",
     "SR = [HHI_WGI,GS × IR/2 + HHI_WGI,sourcing × (1 - IR/2)] × (1 - EoL_RIR) × SI(EU 핵심원자재 "
     "평가 방법론 2017, 교역 계수 t = 1, 데이터에 없음). IR = (수요 - 국내 광산 생산 - 2차 공급) / "
     "수요, 0-1 범위로 제한(수요는 이 실행의 배터리 수요, 국내 생산은 USGS mine_production.csv에서 "
     "해당 행의 연도를 넘지 않는 최신 연도 값이며, 목록에 없는 국가는 비생산국으로 간주). 재활용 "
     "제외: 2차 공급 = 0, EoL_RIR = 0. 재활용 포함: EoL_RIR = 2차 공급 / 수요. HHI_WGI,GS는 USGS "
     "광산 점유율과 세계은행 WGI(EU 척도)로 산정합니다. 누락된 입력값은 0으로 채우지 않고 "
     "표시하며, sr_before_substitution은 SI를 제외한 값입니다."},
    {"records.supply_risk.title",
     "Import reliance and EU supply risk with and without the run's recycling",
     "이 실행의 재활용 포함·제외 시 수입 의존도와 EU 공급 위험"},

    // Record table columns (one entry per column name; the unit of a suffix in brackets).
    {"column.aggregates", "Aggregates", "소속 권역"},
    {"column.base_rank", "Base rank", "기준 순위"},
    {"column.basis", "Basis", "산정 근거"},
    {"column.battery_mean_years", "Battery mean lifetime (years)", "배터리 평균 수명 (년)"},
    {"column.best_rank", "Best rank", "최고 순위"},
    {"column.chemistry", "Chemistry", "화학계"},
    {"column.comparator", "Comparator", "비교 조건"},
    {"column.confidence", "Confidence", "신뢰도"},
    {"column.confidence_note", "Confidence note", "신뢰도 비고"},
    {"column.convention", "Convention", "산정 방식"},
    {"column.country", "Country", "국가"},
    {"column.coverage_fraction", "Coverage (share)", "포괄 비율"},
    {"column.coverage_with_recycling_fraction", "Coverage with recycling", "재활용 포함 충당률"},
    {"column.coverage_without_recycling_fraction", "Coverage without recycling",
     "재활용 제외 충당률"},
    {"column.demand_growth_fraction_per_year", "Demand growth (fraction per year)",
     "수요 증가율 (연간 비율)"},
    {"column.demand_t", "Demand (t)", "수요 (t)"},
    {"column.demand_tonnes", "Demand (t)", "수요 (t)"},
    {"column.denominator_basis", "Denominator basis", "분모 기준"},
    {"column.deviation_fraction", "Deviation (fraction)", "편차 (비율)"},
    {"column.domestic_primary_tonnes", "Domestic primary supply (t)", "국내 1차 공급 (t)"},
    {"column.dropped_share_fraction", "Dropped share", "이탈 공급국 점유율"},
    {"column.dropped_suppliers", "Dropped suppliers", "이탈 공급국"},
    {"column.effective_date", "Effective date", "시행일"},
    {"column.element", "Element", "원소"},
    {"column.eol_rir_with_recycling_fraction", "End-of-life recycling input rate with recycling",
     "재활용 포함 폐기물 재활용 투입률(EoL-RIR)"},
    {"column.feedstock_detail", "Feedstock detail", "원료 기준 상세"},
    {"column.feedstock_surplus_t", "Feedstock surplus (t)", "원료 잉여 (t)"},
    {"column.feedstock_surplus_tonnes", "Feedstock surplus (t)", "원료 잉여 (t)"},
    {"column.figure", "Figure", "수치"},
    {"column.file", "File", "파일"},
    {"column.gap_closed_by_recycling_tonnes", "Gap closed by recycling (t)",
     "재활용으로 메운 부족분 (t)"},
    {"column.gap_fraction", "Gap (fraction)", "격차 (비율)"},
    {"column.gap_with_recycling_tonnes", "Gap with recycling (t)", "재활용 포함 부족분 (t)"},
    {"column.gap_without_recycling_tonnes", "Gap without recycling (t)", "재활용 제외 부족분 (t)"},
    {"column.growth_detail", "Growth detail", "성장 기준 상세"},
    {"column.hhi", "HHI", "공급 집중도(HHI)"},
    {"column.hhi_points", "HHI points", "HHI 기여 점수"},
    {"column.denominator", "Denominator (world total)", "분모(세계 합계)"},
    {"column.hhi_wgi", "Governance-weighted HHI (WGI)", "거버넌스 가중 HHI(WGI)"},
    {"column.hhi_wgi_missing", "Producers without a WGI score", "WGI 점수가 없는 생산국"},
    {"column.kg_per_kwh_model", "Model (kg/kWh)", "모델 (kg/kWh)"},
    {"column.kg_per_kwh_passports", "Passports (kg/kWh)", "여권 (kg/kWh)"},
    {"column.mode", "Mode", "방식"},
    {"column.model_year", "Model year", "모델 연도"},
    {"column.named_total", "Total of named producers", "명시된 생산국 합계"},
    {"column.pack_data_kwh", "Pack, data (kWh)", "팩 용량, 데이터 (kWh)"},
    {"column.pack_run_kwh", "Pack, run (kWh)", "팩 용량, 실행 (kWh)"},
    {"column.passport_kwh", "Passports' rated energy (kWh)", "여권 정격 에너지 (kWh)"},
    {"column.passports", "Passports", "여권 수"},
    {"column.passports_over_model_ratio", "Passports / model", "여권 / 모델"},
    {"column.share_data_fraction", "Share, data", "비중, 데이터"},
    {"column.share_passports_fraction", "Share, passports", "비중, 여권"},
    {"column.share_run_fraction", "Share, run", "비중, 실행"},
    {"column.unit", "Unit", "단위"},
    {"column.hhi_wgi_global", "Governance-weighted HHI, global supply",
     "거버넌스 가중 HHI, 세계 공급"},
    {"column.hhi_wgi_sourcing", "Governance-weighted HHI, sourcing", "거버넌스 가중 HHI, 조달처"},
    {"column.import_reliance_fraction", "Import reliance (fraction)", "수입 의존도 (비율)"},
    {"column.import_reliance_with_recycling_fraction", "Import reliance with recycling",
     "재활용 포함 수입 의존도"},
    {"column.import_reliance_without_recycling_fraction", "Import reliance without recycling",
     "재활용 제외 수입 의존도"},
    {"column.iso3", "ISO3 code", "ISO3 코드"},
    {"column.jurisdiction", "Jurisdiction", "관할권"},
    {"column.largest_producer", "Largest producer", "최대 생산국"},
    {"column.largest_share_fraction", "Largest producer's share (fraction)",
     "최대 생산국 점유율 (비율)"},
    {"column.legal_reference", "Legal reference", "법적 근거"},
    {"column.lifetime_replacements_per_vehicle", "Replacements per vehicle over its life",
     "차량 수명 중 교체 팩 수"},
    {"column.metric", "Metric", "지표"},
    {"column.metric_kind", "Metric kind", "지표 유형"},
    {"column.missing_criteria", "Missing criteria", "누락 기준"},
    {"column.missing_inputs", "Missing inputs", "누락 입력값"},
    {"column.missing_producers", "Missing producers", "누락 생산국"},
    {"column.model_gwh", "Model (GWh)", "모델값 (GWh)"},
    {"column.name", "Name", "명칭"},
    {"column.named_share_fraction", "Named producers' share (fraction)",
     "명시 생산국 점유율 (비율)"},
    {"column.not_counted", "Not counted", "미집계"},
    {"column.part_feedstock", "Feedstock part", "원료 점수"},
    {"column.part_growth", "Growth part", "성장 점수"},
    {"column.part_policy", "Policy part", "정책 점수"},
    {"column.part_risk", "Risk part", "위험 점수"},
    {"column.policy_detail", "Policy detail", "정책 기준 상세"},
    {"column.policy_mandates", "Policy mandates", "재활용 의무 수"},
    {"column.rank", "Rank", "순위"},
    {"column.rank_feedstock_minus20", "Rank, feedstock weight -20%", "순위, 원료 가중치 -20%"},
    {"column.rank_feedstock_plus20", "Rank, feedstock weight +20%", "순위, 원료 가중치 +20%"},
    {"column.rank_growth_minus20", "Rank, growth weight -20%", "순위, 성장 가중치 -20%"},
    {"column.rank_growth_plus20", "Rank, growth weight +20%", "순위, 성장 가중치 +20%"},
    {"column.rank_policy_minus20", "Rank, policy weight -20%", "순위, 정책 가중치 -20%"},
    {"column.rank_policy_plus20", "Rank, policy weight +20%", "순위, 정책 가중치 +20%"},
    {"column.rank_risk_minus20", "Rank, risk weight -20%", "순위, 위험 가중치 -20%"},
    {"column.rank_risk_plus20", "Rank, risk weight +20%", "순위, 위험 가중치 +20%"},
    {"column.reason", "Reason", "사유"},
    {"column.recycled_tonnes", "Recycled (t)", "재활용량 (t)"},
    {"column.recycled_to_close_gap_tonnes", "Recycled to close the gap (t)",
     "부족분 해소에 필요한 재활용량 (t)"},
    {"column.region", "Region", "지역"},
    {"column.reported_gwh", "Reported (GWh)", "보고치 (GWh)"},
    {"column.residual_share_fraction", "Residual share (fraction)", "잔여 점유율 (비율)"},
    {"column.risk_detail", "Risk detail", "위험 기준 상세"},
    {"column.rule_id", "Rule ID", "규정 ID"},
    {"column.rule_status", "Rule status", "규정 상태"},
    {"column.run_replacements_per_vehicle_sold", "Replacements in the run per vehicle sold",
     "실행 기간 판매 차량당 교체 팩 수"},
    {"column.score", "Score", "점수"},
    {"column.secondary_tonnes", "Secondary supply (t)", "2차 공급 (t)"},
    {"column.segment", "Segment", "차종"},
    {"column.sha256", "SHA-256", "SHA-256"},
    {"column.share_fraction", "Share (fraction)", "점유율 (비율)"},
    {"column.size_bytes", "Size (bytes)", "크기 (바이트)"},
    {"column.source", "Source", "출처"},
    {"column.sources", "Sources", "출처"},
    {"column.sr_before_substitution_with_recycling",
     "Supply risk before substitution, with recycling", "재활용 포함 대체 전 공급 위험"},
    {"column.sr_before_substitution_without_recycling",
     "Supply risk before substitution, without recycling", "재활용 제외 대체 전 공급 위험"},
    {"column.stage", "Stage", "단계"},
    {"column.status", "Status", "판정"},
    {"column.substitution_index", "Substitution index", "대체 지수"},
    {"column.supply_data_year", "Supply data year", "공급 자료 연도"},
    {"column.supply_risk_with_recycling", "Supply risk with recycling", "재활용 포함 공급 위험"},
    {"column.supply_risk_without_recycling", "Supply risk without recycling",
     "재활용 제외 공급 위험"},
    {"column.threshold_fraction", "Threshold (fraction)", "기준치 (비율)"},
    {"column.value_fraction", "Value (fraction)", "값 (비율)"},
    {"column.vehicle_mean_years", "Vehicle mean lifetime (years)", "차량 평균 수명 (년)"},
    {"column.vehicles_sold", "Vehicles sold", "판매 차량 수"},
    {"column.weights", "Weights", "가중치"},
    {"column.wgi_scaled", "WGI (EU-scaled)", "WGI(EU 척도)"},
    {"column.worst_rank", "Worst rank", "최저 순위"},
    {"column.year", "Year", "연도"},
    // The value and dimension columns of the result tables (the workbook's headers).
    {"column.capacity_kwh", "Capacity (kWh)", "용량 (kWh)"},
    {"column.co2_tonnes", "CO2 (t)", "CO2 (t)"},
    {"column.co2e_tonnes", "CO2e (t)", "CO2e (t)"},
    {"column.cost_usd", "Cost (USD)", "비용 (USD)"},
    {"column.destination", "Destination", "도착 지역"},
    {"column.mass_tonnes", "Mass (t)", "질량 (t)"},
    {"column.packs", "Packs", "팩 수"},
    {"column.product", "Product", "제품"},
    {"column.revenue_usd", "Revenue (USD)", "매출 (USD)"},
    {"column.route", "Route", "공정"},
    {"column.vehicles", "Vehicles", "차량 수"},

    // Code values of record cells: value.<column>.<value as written>.
    {"value.basis.collected / end-of-life mass (run tables waste_to_collection_t, end_of_life_t)",
     "collected / end-of-life mass (run tables waste_to_collection_t, end_of_life_t)",
     "수거량 / 수명 종료 질량(실행 표 waste_to_collection_t, end_of_life_t)"},
    {"value.basis.proxy: recovered metal / battery material demand of the EU members in the run "
     "(CRMA counts all uses of the raw material; the run models batteries only)",
     "proxy: recovered metal / battery material demand of the EU members in the run (CRMA counts "
     "all uses of the raw material; the run models batteries only)",
     "대리지표: 실행에 포함된 EU 회원국의 회수 금속 / 배터리 소재 수요(CRMA는 원자재의 모든 용도를 "
     "집계하나 이 실행은 배터리만 모델링)"},
    {"value.basis.proxy: secondary supply (recovered metal) as share of the region's battery "
     "material demand; assumes all recovered metal goes into the region's new batteries",
     "proxy: secondary supply (recovered metal) as share of the region's battery material demand; "
     "assumes all recovered metal goes into the region's new batteries",
     "대리지표: 지역 배터리 소재 수요 대비 2차 공급(회수 금속) 비율. 회수 금속이 모두 그 지역의 "
     "신규 배터리에 쓰인다고 가정"},
    {"value.basis.recovered / recycled mass of the element over the configured routes (run tables "
     "recycling_to_secondary_metal_t, collection_to_recycling_t)",
     "recovered / recycled mass of the element over the configured routes (run tables "
     "recycling_to_secondary_metal_t, collection_to_recycling_t)",
     "설정된 공정 전체에서 해당 원소의 회수량 / 재활용 투입량(실행 표 "
     "recycling_to_secondary_metal_t, collection_to_recycling_t)"},
    {"value.comparator.applies", "applies", "적용"},
    {"value.comparator.applies if >=", "applies if >=", "다음 이상이면 적용(>=)"},
    {"value.comparator.declaration required", "declaration required", "신고 의무"},
    {"value.comparator.not required", "not required", "의무 없음"},
    {"value.comparator.passed", "passed", "통과(입법)"},
    {"value.comparator.planned", "planned", "계획"},
    {"value.comparator.proposed", "proposed", "제안"},
    {"value.comparator.required", "required", "의무"},
    {"value.comparator.take back free of charge", "take back free of charge", "무상 회수 의무"},
    {"value.comparator.terminated", "terminated", "종료"},
    {"value.confidence.high", "high", "높음"},
    {"value.confidence.low", "low", "낮음"},
    {"value.confidence.medium", "medium", "중간"},
    {"value.confidence_note.low confidence: not checked against the legal text",
     "low confidence: not checked against the legal text",
     "신뢰도 낮음: 법령 원문과 대조하지 않음"},
    {"value.confidence_note.medium confidence: not checked against the legal text",
     "medium confidence: not checked against the legal text",
     "신뢰도 중간: 법령 원문과 대조하지 않음"},
    {"value.convention.named-share", "named share", "명시 점유율 방식"},
    {"value.convention.residual-as-producer", "residual as producer", "잔여분 단일 생산자 방식"},
    {"value.country.other countries (residual)", "other countries (residual)", "기타 국가(잔여)"},
    {"value.denominator_basis.sum of named producers (no world total in the data)",
     "sum of named producers (no world total in the data)",
     "명시 생산국 합계(자료에 세계 합계 없음)"},
    {"value.denominator_basis.sum of named producers (the rounded world total is below their sum)",
     "sum of named producers (the rounded world total is below their sum)",
     "명시 생산국 합계(반올림된 세계 합계가 그 합보다 작음)"},
    {"value.denominator_basis.world total (shares are percent of world refining (IEA))",
     "world total (shares are percent of world refining (IEA))",
     "세계 합계(점유율은 세계 정련량 대비 %, IEA)"},
    {"value.element.all", "all", "전체"},
    {"value.element.battery components", "battery components", "배터리 부품"},
    {"value.element.cobalt", "cobalt", "코발트"},
    {"value.element.cobalt lead lithium nickel", "cobalt lead lithium nickel",
     "코발트, 납, 리튬, 니켈"},
    {"value.element.cobalt lithium natural graphite nickel (and listed risk raw materials)",
     "cobalt lithium natural graphite nickel (and listed risk raw materials)",
     "코발트, 리튬, 천연흑연, 니켈(및 목록상의 위험 원자재)"},
    {"value.element.copper", "copper", "구리"},
    {"value.element.critical minerals", "critical minerals", "핵심광물"},
    {"value.element.critical minerals; electrode active materials",
     "critical minerals; electrode active materials", "핵심광물, 전극 활물질"},
    {"value.element.electrode powder", "electrode powder", "전극 분말"},
    {"value.element.lead", "lead", "납"},
    {"value.element.lithium", "lithium", "리튬"},
    {"value.element.lithium carbonate", "lithium carbonate", "탄산리튬"},
    {"value.element.lithium nickel cobalt manganese graphite and other listed",
     "lithium nickel cobalt manganese graphite and other listed",
     "리튬, 니켈, 코발트, 망간, 흑연 및 기타 목록상의 광물"},
    {"value.element.nickel", "nickel", "니켈"},
    {"value.element.nickel cobalt manganese", "nickel cobalt manganese", "니켈, 코발트, 망간"},
    {"value.element.nickel ore", "nickel ore", "니켈 원광"},
    {"value.element.rare earths and other valuable metals", "rare earths and other valuable metals",
     "희토류 및 기타 유가금속"},
    {"value.element.strategic raw materials", "strategic raw materials", "전략 원자재"},
    {"value.element.target materials", "target materials", "대상 소재"},
    {"value.metric_kind.collection_rate", "collection rate", "수거율"},
    {"value.metric_kind.extraction_share", "extraction share", "역내 채굴 비율"},
    {"value.metric_kind.material_recovery", "material recovery", "소재 회수율"},
    {"value.metric_kind.not_modelled", "not modelled", "모델 범위 밖"},
    {"value.metric_kind.processing_share", "processing share", "역내 가공 비율"},
    {"value.metric_kind.recycled_content", "recycled content", "재활용 원료 사용 비율"},
    {"value.metric_kind.recycling_efficiency", "recycling efficiency", "재활용 효율"},
    {"value.metric_kind.recycling_share_of_demand", "recycling share of demand",
     "수요 대비 재활용 비율"},
    {"value.metric_kind.single_country_share", "single-country share", "단일 국가 의존 비율"},
    {"value.missing_criteria.feedstock", "feedstock", "원료"},
    {"value.missing_criteria.growth", "growth", "성장"},
    {"value.missing_criteria.policy", "policy", "정책"},
    {"value.missing_criteria.risk", "risk", "위험"},
    {"value.mode.coverage", "coverage", "포괄분 반영"},
    {"value.mode.sample", "sample", "표본 대표"},
    {"value.name.Australia", "Australia", "호주"},
    {"value.name.Canada", "Canada", "캐나다"},
    {"value.name.China", "China", "중국"},
    {"value.name.Czechia", "Czechia", "체코"},
    {"value.name.France", "France", "프랑스"},
    {"value.name.Germany", "Germany", "독일"},
    {"value.name.Hungary", "Hungary", "헝가리"},
    {"value.name.India", "India", "인도"},
    {"value.name.Japan", "Japan", "일본"},
    {"value.name.Korea, Republic of", "Korea, Republic of", "한국"},
    {"value.name.Poland", "Poland", "폴란드"},
    {"value.name.Rest of EU27", "Rest of EU27", "기타 EU27"},
    {"value.name.Rest of Europe", "Rest of Europe", "기타 유럽"},
    {"value.name.Rest of world", "Rest of world", "기타 세계"},
    {"value.name.Sweden", "Sweden", "스웨덴"},
    {"value.name.United Kingdom", "United Kingdom", "영국"},
    {"value.name.United States", "United States", "미국"},
    {"value.rule_status.announced", "announced", "발표"},
    {"value.rule_status.bill", "bill", "법안"},
    {"value.rule_status.draft value - confirm in final", "draft value - confirm in final",
     "초안 수치 - 최종본 확인 필요"},
    {"value.rule_status.enacted", "enacted", "제정"},
    {"value.rule_status.enacted (verify)", "enacted (verify)", "제정(확인 필요)"},
    {"value.rule_status.in force", "in force", "시행 중"},
    {"value.rule_status.in force (applies 12 months after delegated act if later)",
     "in force (applies 12 months after delegated act if later)",
     "시행 중(위임법이 더 늦으면 그로부터 12개월 후 적용)"},
    {"value.rule_status.in force (benchmark not binding on firms)",
     "in force (benchmark not binding on firms)", "시행 중(기업에 구속력 없는 기준치)"},
    {"value.rule_status.in force (benchmark)", "in force (benchmark)", "시행 중(기준치)"},
    {"value.rule_status.in force (date may shift)", "in force (date may shift)",
     "시행 중(일자 변동 가능)"},
    {"value.rule_status.in force (draft value - confirm)", "in force (draft value - confirm)",
     "시행 중(초안 수치 - 확인 필요)"},
    {"value.rule_status.in force (modified 2025)", "in force (modified 2025)",
     "시행 중(2025년 개정)"},
    {"value.rule_status.in force (postponed)", "in force (postponed)", "시행 중(연기)"},
    {"value.rule_status.in force (subject to delegated act timing)",
     "in force (subject to delegated act timing)", "시행 중(위임법 제정 시기에 따름)"},
    {"value.rule_status.in force (voluntary white-list criteria)",
     "in force (voluntary white-list criteria)", "시행 중(자율 화이트리스트 기준)"},
    {"value.rule_status.in force for FEOC definition", "in force for FEOC definition",
     "FEOC 정의에 한해 시행 중"},
    {"value.rule_status.passed (effective date not retrieved)",
     "passed (effective date not retrieved)", "통과(시행일 미확인)"},
    {"value.rule_status.policy", "policy", "정책"},
    {"value.rule_status.statutory schedule (moot after credit termination)",
     "statutory schedule (moot after credit termination)", "법정 일정(세액공제 종료로 실효)"},
    {"value.rule_status.statutory schedule (moot)", "statutory schedule (moot)", "법정 일정(실효)"},
    {"value.rule_status.terminated after 2025-09-30", "terminated after 2025-09-30",
     "2025-09-30 이후 종료"},
    {"value.segment.bus", "buses", "버스"},
    {"value.segment.car_bev", "battery-electric cars", "승용차(BEV)"},
    {"value.segment.car_phev", "plug-in hybrid cars", "승용차(PHEV)"},
    {"value.segment.truck", "trucks", "트럭"},
    {"value.segment.two_three_wheeler", "two- and three-wheelers", "이륜·삼륜차"},
    {"value.segment.van", "vans", "밴"},
    {"value.source.world total minus named producers", "world total minus named producers",
     "세계 합계에서 명시 생산국 합계를 뺀 값"},
    {"value.stage.mine", "mining", "채굴"},
    {"value.stage.refining", "refining", "정련"},
    {"value.stage.reserves", "reserves", "매장량"},
    {"value.status.fail", "fail", "미충족"},
    {"value.status.not_evaluable", "not evaluable", "평가 불가"},
    {"value.status.pass", "pass", "충족"},
};

}  // namespace

std::span<const Message> table_messages() { return kTable; }

}  // namespace urbanmine::report
