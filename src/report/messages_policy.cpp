// SPDX-License-Identifier: Apache-2.0
// Catalogue entries of the policy check (src/policy/checker.cpp): the rules' metric names as the
// data writes them (value.metric.*), their units (value.unit.*), the quantities a ratio names
// (term.quantity.*), and the checker's sentences with their variable parts (sentence.*), which
// translate_text() matches against a stored English sentence. A sentence's English is the
// checker's text with each variable part as a {placeholder}; the placeholder's name says how its
// value is translated (see translate_text in messages.cpp).
#include <iterator>

#include "report/messages.h"

namespace urbanmine::report {

namespace {

const Message kPolicy[] = {
    // Metric names of data/policy_rules.csv, as written there.
    {"value.metric.EU extraction capacity as share of EU annual consumption",
     "EU extraction capacity as share of EU annual consumption",
     "EU 연간 소비 대비 역내 채굴 역량"},
    {"value.metric.EU processing capacity as share of EU annual consumption",
     "EU processing capacity as share of EU annual consumption",
     "EU 연간 소비 대비 역내 가공 역량"},
    {"value.metric.EU recycling capacity as share of EU annual consumption",
     "EU recycling capacity as share of EU annual consumption",
     "EU 연간 소비 대비 역내 재활용 역량"},
    {"value.metric.FEOC content in applicable critical minerals",
     "FEOC content in applicable critical minerals", "해당 핵심광물의 우려 외국 기업(FEOC) 함량"},
    {"value.metric.FEOC content in battery components", "FEOC content in battery components",
     "배터리 부품의 우려 외국 기업(FEOC) 함량"},
    {"value.metric.applicability", "applicability", "적용 대상"},
    {"value.metric.applicable percentage", "applicable percentage", "적용 비율"},
    {"value.metric.board seats / voting rights / equity held by covered-nation government or "
     "entity",
     "board seats / voting rights / equity held by covered-nation government or entity",
     "대상국 정부·기관이 보유한 이사회 의석·의결권·지분"},
    {"value.metric.budget", "budget", "예산"},
    {"value.metric.carbon footprint declaration", "carbon footprint declaration",
     "탄소발자국 신고"},
    {"value.metric.collection", "collection", "수거"},
    {"value.metric.collection rate", "collection rate", "수거율"},
    {"value.metric.comprehensive energy consumption", "comprehensive energy consumption",
     "종합 에너지 소비량"},
    {"value.metric.credit as share of production cost", "credit as share of production cost",
     "생산비 대비 세액공제 비율"},
    {"value.metric.credit availability", "credit availability", "세액공제 적용 여부"},
    {"value.metric.design requirement", "design requirement", "설계 요건"},
    {"value.metric.digital battery passport (QR-linked)", "digital battery passport (QR-linked)",
     "디지털 배터리 여권(QR 연계)"},
    {"value.metric.documentation of recycled share", "documentation of recycled share",
     "재활용 원료 비율 증빙"},
    {"value.metric.due diligence obligation", "due diligence obligation", "공급망 실사 의무"},
    {"value.metric.exports allowed", "exports allowed", "수출 허용 여부"},
    {"value.metric.legislative status", "legislative status", "입법 현황"},
    {"value.metric.minimum recovery", "minimum recovery", "최소 회수율"},
    {"value.metric.minimum recovery of materials from waste batteries",
     "minimum recovery of materials from waste batteries", "폐배터리 소재 최소 회수율"},
    {"value.metric.permitting duration", "permitting duration", "인허가 기간"},
    {"value.metric.policy", "policy", "정책"},
    {"value.metric.policy plan", "policy plan", "정책 계획"},
    {"value.metric.recovered target material mass share", "recovered target material mass share",
     "대상 소재 회수 질량 비율"},
    {"value.metric.recovery rate", "recovery rate", "소재 회수율"},
    {"value.metric.recycled content share in active materials",
     "recycled content share in active materials", "활물질의 재활용 원료 사용 비율"},
    {"value.metric.recycling efficiency (average by weight)",
     "recycling efficiency (average by weight)", "재활용 효율(중량 평균)"},
    {"value.metric.return obligation", "return obligation", "반환 의무"},
    {"value.metric.safety inspection pass before distribution",
     "safety inspection pass before distribution", "유통 전 안전검사 합격"},
    {"value.metric.share of EU annual consumption from a single third country",
     "share of EU annual consumption from a single third country",
     "EU 연간 소비 중 단일 제3국 의존 비율"},
    {"value.metric.share of battery component value manufactured or assembled in North America",
     "share of battery component value manufactured or assembled in North America",
     "북미에서 제조·조립된 배터리 부품 가치 비율"},
    {"value.metric.share of collected waste batteries put to cascade use (by weight)",
     "share of collected waste batteries put to cascade use (by weight)",
     "수거 폐배터리 중 재사용(다단계 이용) 비율(중량 기준)"},
    {"value.metric.share of domestically recycled materials",
     "share of domestically recycled materials", "국내 재활용 소재 비율"},
    {"value.metric.share of domestically recycled materials in new batteries",
     "share of domestically recycled materials in new batteries",
     "신규 배터리의 국내 재활용 소재 비율"},
    {"value.metric.share of processing costs", "share of processing costs", "처리 비용 분담 비율"},
    {"value.metric.share of value of applicable critical minerals extracted or processed in US or "
     "FTA country or recycled in North America",
     "share of value of applicable critical minerals extracted or processed in US or FTA country "
     "or recycled in North America",
     "미국·FTA 체결국에서 채굴·가공되거나 북미에서 재활용된 해당 핵심광물의 가치 비율"},
    {"value.metric.supply risk and economic importance", "supply risk and economic importance",
     "공급 위험과 경제적 중요도"},
    {"value.metric.wastewater reuse rate", "wastewater reuse rate", "폐수 재이용률"},

    // Threshold units of data/policy_rules.csv, as written there.
    {"value.unit.CAD billion", "CAD billion", "10억 CAD"},
    {"value.unit.EUR million net turnover", "EUR million net turnover", "순매출 백만 EUR"},
    {"value.unit.dimensionless", "dimensionless", "무차원"},
    {"value.unit.kgCO2e per kWh", "kgCO2e per kWh", "kgCO2e/kWh"},
    {"value.unit.kgCO2e per kWh over service life", "kgCO2e per kWh over service life",
     "사용 기간 전체 kgCO2e/kWh"},
    {"value.unit.kgce per tonne", "kgce per tonne", "kgce/t"},
    {"value.unit.months", "months", "개월"},
    {"value.unit.percent of production cost", "percent of production cost", "생산비 대비 %"},
    {"value.unit.percent of waste batteries offered", "percent of waste batteries offered",
     "배출된 폐배터리 대비 %"},

    // The quantities a ratio check names when one is missing.
    {"term.quantity.collected", "collected", "수거량"},
    {"term.quantity.end-of-life", "end-of-life", "수명 종료 질량"},
    {"term.quantity.material demand", "material demand", "소재 수요"},
    {"term.quantity.recovered metal", "recovered metal", "회수 금속"},
    {"term.quantity.recycling input", "recycling input", "재활용 투입량"},

    // The checker's sentences (policy/checker.cpp), each variable part a placeholder.
    {"sentence.policy.all_elements",
     "{basis}; all tracked elements together ({count} elements, "
     "mass-weighted)",
     "{basis}; 추적하는 원소 전체 합산({count}개 원소, 질량 가중)"},
    {"sentence.policy.battery_category",
     "battery category not modelled (the run covers lithium-based EV batteries)",
     "모델에 없는 배터리 범주(이 실행은 리튬계 EV 배터리를 다룸)"},
    {"sentence.policy.collection_portable",
     "collection target for portable or light-means-of-transport batteries; the run models EV "
     "and storage batteries, not these categories",
     "휴대용·경량 운송수단(LMT) 배터리의 수거 목표. 이 실행은 EV와 에너지저장 배터리를 다루며 이 "
     "범주는 다루지 않음"},
    {"sentence.policy.confidence", "{level} confidence: not checked against the legal text",
     "신뢰도 {level}: 법령 원문과 대조하지 않음"},
    {"sentence.policy.element_not_tracked", "element {element} is not tracked by the run",
     "이 실행은 원소 {element}을(를) 추적하지 않음"},
    {"sentence.policy.element_unresolved", "element '{element}' is not an element the run tracks",
     "'{element}'은(는) 이 실행이 추적하는 원소가 아님"},
    {"sentence.policy.extraction_data",
     "EU extraction by member state is not in the shipped data (mine_production.csv lists the "
     "main world producers only)",
     "회원국별 EU 채굴량이 제공 데이터에 없음(mine_production.csv는 세계 주요 생산국만 수록)"},
    {"sentence.policy.metric_not_evaluable", "metric not evaluable", "평가할 수 없는 지표"},
    {"sentence.policy.metric_not_modelled", "metric '{metric}' is not a quantity of the run model",
     "지표 '{metric}'은(는) 실행 모델이 계산하는 양이 아님"},
    {"sentence.policy.metric_not_modelled_words",
     "metric '{metric}' is not a quantity of the run model (obligation in words: {words})",
     "지표 '{metric}'은(는) 실행 모델이 계산하는 양이 아님(문언상 의무: {words})"},
    {"sentence.policy.no_comparator", "the rule has no comparator", "규칙에 비교 기준이 없음"},
    {"sentence.policy.no_demand_or_recovered",
     "no material demand or recovered metal for {region} in {year}",
     "{region}의 {year}년 소재 수요 또는 회수 금속 값이 없음"},
    {"sentence.policy.no_jurisdiction_region", "no region of jurisdiction {code} in the run",
     "실행에 관할 {code}에 속하는 지역이 없음"},
    {"sentence.policy.no_jurisdiction_region_also",
     "no region of jurisdiction {code} in the run; also: {reason}",
     "실행에 관할 {code}에 속하는 지역이 없음. 또한: {reason}"},
    {"sentence.policy.no_supply_shares",
     "no supply shares by country for {element} in the shipped data",
     "제공 데이터에 {element}의 국가별 공급 점유율이 없음"},
    {"sentence.policy.no_table", "the run has no {quantity} table", "실행에 {quantity} 표가 없음"},
    {"sentence.policy.no_value", "no {quantity} value for {region} in {year}",
     "{region}의 {year}년 {quantity} 값이 없음"},
    {"sentence.policy.not_in_force", "not in force in {year} (applies from {date})",
     "{year}년에는 시행 전({date}부터 적용)"},
    {"sentence.policy.outside_run", "check year {year} is outside the run ({first}-{last})",
     "점검 연도 {year}년이 실행 기간({first}-{last}) 밖임"},
    {"sentence.policy.processing_data",
     "EU processing capacity by member state is not in the shipped data",
     "회원국별 EU 가공 역량이 제공 데이터에 없음"},
    {"sentence.policy.recycling_efficiency",
     "recycling efficiency is a share of whole-battery mass; the run tracks element masses only "
     "(electrolyte, plastics, casing are not tracked)",
     "재활용 효율은 배터리 전체 질량에 대한 비율이나 이 실행은 원소 질량만 추적함(전해액, "
     "플라스틱, 케이스는 추적하지 않음)"},
    {"sentence.policy.single_country_proxy",
     "proxy: primary sourcing assumed to mirror world {stage} shares ({country} {year}, "
     "{source}); recycled supply counted as domestic: share x (1 - secondary share)",
     "대리지표: 1차 조달이 세계 {stage} 점유율({country} {year}년, 출처는 CSV 참조)을 따른다고 "
     "가정. 재활용 공급은 역내 공급으로 계산: 점유율 x (1 - 2차 공급 비율)"},
    {"sentence.policy.threshold_not_number", "threshold is not a single number ('{text}')",
     "기준값이 단일 숫자가 아님('{text}')"},
    {"sentence.policy.threshold_unit", "threshold unit '{unit}' is not a share",
     "기준 단위 '{unit}'은(는) 비율이 아님"},
    {"sentence.policy.words_not_threshold",
     "obligation in words ({words}), not a numeric threshold",
     "수치 기준이 아닌 문언상 의무({words})"},
    {"sentence.policy.zero_denominator",
     "no {quantity} in {region} in {year} (zero), so the ratio is undefined",
     "{region}의 {year}년 {quantity}이(가) 0이어서 비율을 정할 수 없음"},
};

}  // namespace

std::span<const Message> policy_messages() { return kPolicy; }

}  // namespace urbanmine::report
