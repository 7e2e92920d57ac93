// SPDX-License-Identifier: Apache-2.0
// MPI for `urbanmine mc` (docs/uncertainty.md): when the binary is built with MPI
// (URBANMINE_MPI) and started by mpirun, draws are split into one contiguous block per rank;
// the kept values are then redistributed so that each rank holds every draw of 1/P of the
// output cells (MPI_Alltoallv), each rank summarises its cells exactly, and rank 0 gathers
// the summaries and writes the files. Summaries depend only on the multiset of draws, so the
// output is byte for byte that of one process with the same seed. No rank holds all draws of
// all cells. Without MPI (or without mpirun) this is one rank and does nothing.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/uncertainty.h"

namespace urbanmine::cli {

struct Ranks {
  int rank = 0;
  int size = 1;
};

// Initialises MPI when built with it and launched by mpirun; else {0, 1}.
Ranks mpi_start();
// Finalises MPI if mpi_start initialised it.
void mpi_finish();
// The draws of `rank` among `size`: [first, first + count).
std::pair<std::size_t, std::size_t> draw_range(std::size_t draws, const Ranks& ranks);

// Every rank passes its block; rank 0 gets the cell summaries in layout order, the number of
// successful draws and every failure; other ranks get empty vectors. Frees block.values.
struct Reduced {
  std::vector<engine::Summary> cells;
  std::size_t draws_ok = 0;
  std::vector<engine::DrawFailure> failures;
};
Reduced mpi_reduce(engine::DrawBlock& block, std::size_t cells, std::size_t draws,
                   const Ranks& ranks);

}  // namespace urbanmine::cli
