// SPDX-License-Identifier: Apache-2.0
// Catalogue entries of the deal sheets (report/dealsheet_report.cpp), English and Korean.
#include "report/messages.h"

namespace urbanmine::report {

namespace {

constexpr Message kDealSheet[] = {
    {"dealsheet.by_chemistry", "Packs leaving vehicles by chemistry, {year}",
     "화학계별 퇴역 배터리 팩, {year}년"},
    {"dealsheet.capacity", "capacity, t/yr", "처리능력, 톤/년"},
    {"dealsheet.chemistry", "chemistry", "화학계"},
    {"dealsheet.closed", "closed", "금지"},
    {"dealsheet.collected", "collected, t", "수거량, 톤"},
    {"dealsheet.element", "element", "원소"},
    {"dealsheet.fail", "fail", "미충족"},
    {"dealsheet.figures_of", "{name} ({code})", "{name} ({code})"},
    {"dealsheet.fit", "fit", "적합도"},
    {"dealsheet.gwh", "GWh", "GWh"},
    {"dealsheet.legal", "legal reference", "법적 근거"},
    {"dealsheet.market",
     "{code} ranks {rank} among the run's regions for a recycler (score {score}).",
     "{code}은(는) 재활용 사업 기회 순위에서 {rank}위입니다 (점수 {score})."},
    {"dealsheet.materials", "Both work on: {items}.", "공통 관심 소재: {items}."},
    {"dealsheet.metric", "metric", "지표"},
    {"dealsheet.no_figures", "The run has no figures for this region.",
     "이 지역에 대한 시나리오 수치가 없습니다."},
    {"dealsheet.no_meetings", "No meetings in the schedule.", "일정에 면담이 없습니다."},
    {"dealsheet.not_evaluable", "Not evaluable by the run", "시나리오로 평가할 수 없는 규정"},
    {"dealsheet.notes", "How to read these figures", "수치를 읽는 방법"},
    {"dealsheet.open", "open", "가능"},
    {"dealsheet.organisation_note", "An international organisation: world figures.",
     "국제기구: 세계 전체 수치입니다."},
    {"dealsheet.pass", "pass", "충족"},
    {"dealsheet.policies",
     "Policy rules checked here: {n} ({fail} fail, {pass} pass, {other} not evaluable by the run)",
     "이 지역에 적용되는 정책 규정: {n}건 (미충족 {fail}, 충족 {pass}, 평가 불가 {other})"},
    {"dealsheet.prices", "Prices used for the indicative value", "참고 가치 산정에 사용한 가격"},
    {"dealsheet.processes", "Shared processes: {items}.", "공통 공정: {items}."},
    {"dealsheet.recovered_li", "Li recovered, t", "회수 리튬, 톤"},
    {"dealsheet.request", "{id} asked for this meeting (priority {priority}).",
     "{id}이(가) 이 면담을 요청했습니다 (우선순위 {priority})."},
    {"dealsheet.residual_note",
     "{code} is not a model region: the figures are those of {name}, the group it belongs to.",
     "{code}은(는) 모델 지역이 아니므로 소속 그룹인 {name}의 수치입니다."},
    {"dealsheet.rule", "rule", "규정"},
    {"dealsheet.run", "Figures from the run", "시나리오 결과 수치"},
    {"dealsheet.seeks_offers", "{seeker} seeks what {offerer} offers: {items}.",
     "{seeker}이(가) 찾는 역할을 {offerer}이(가) 제공합니다: {items}."},
    {"dealsheet.shipped", "shipped in the run", "시나리오상 운송량"},
    {"dealsheet.shipping", "Shipping feedstock between {a} and {b}",
     "{a}와(과) {b} 사이의 재활용 원료 운송"},
    {"dealsheet.status", "status", "상태"},
    {"dealsheet.stranded", "stranded, t", "미처리 원료, 톤"},
    {"dealsheet.surplus", "surplus (+) / idle (−), t", "잉여(+) / 유휴(−), 톤"},
    {"dealsheet.table", "table", "테이블"},
    {"dealsheet.target_country", "{country} is one of {k}'s target markets.",
     "{country}은(는) {k}의 목표 시장입니다."},
    {"dealsheet.threshold", "threshold", "기준"},
    {"dealsheet.title_all", "Deal sheets", "면담 자료"},
    {"dealsheet.title_one", "Agenda and deal sheets", "일정 및 면담 자료"},
    {"dealsheet.value", "value", "값"},
    {"dealsheet.value_usd", "metal value, USD", "금속 가치, 달러"},
    {"dealsheet.waste_gwh", "waste batteries, GWh", "폐배터리, GWh"},
    {"dealsheet.waste_metal", "metal in waste batteries, t", "폐배터리 내 금속, 톤"},
    {"dealsheet.weight", "weight", "가중치"},
    {"dealsheet.why", "Why meet", "면담 사유"},
    {"dealsheet.year", "year", "연도"},
};

}  // namespace

std::span<const Message> dealsheet_messages() { return kDealSheet; }

}  // namespace urbanmine::report
