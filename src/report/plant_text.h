// SPDX-License-Identifier: Apache-2.0
// The recycling plant model's answers (`urbanmine plant balance|infer`, `/api/plant/...`) as an
// aligned text report, CSV (section,item,field,value,unit,note) or JSON (io/plant_data.h).
#pragma once

#include <string>

#include "plant/infer.h"
#include "plant/plant.h"

namespace urbanmine::report {

// `name` labels the plant (the plant file's name or the feed's components).
std::string plant_balance_table(const std::string& name, const plant::PlantBalance& balance);
std::string plant_balance_csv(const std::string& name, const plant::PlantBalance& balance);
std::string plant_balance_json(const std::string& name, const plant::PlantBalance& balance);

std::string plant_infer_table(const plant::InferResult& result);
std::string plant_infer_csv(const plant::InferResult& result);
std::string plant_infer_json(const plant::InferResult& result);

}  // namespace urbanmine::report
