#pragma once
// The rigid-body translations and rotations of a free cluster as an orthonormal basis of
// 3N vectors. Away from a stationary point the rotations are not zero modes: their Hessian
// curvature is of the order of the forces and can be negative, so a Lanczos search on a
// free cluster must project them out or it mistakes a rotation for the unstable mode.
// Numerical drift still rotates a cluster slightly over a search: compare minima aligned.
#include "pelcamp/minimize/objective.hpp"

namespace pelcamp {

// `positions`: 3N coordinates atom by atom. Returns 6 orthonormal columns (5 for a linear
// cluster, 3 for one atom): the translations along x, y, z and the infinitesimal rotations
// about the centroid.
Eigen::MatrixXd rigid_body_modes(ConstVectorRef positions);

// The three uniform translations of n atoms (3n variables atom by atom) as orthonormal
// columns: the zero modes of a periodic system whose atoms are all free.
Eigen::MatrixXd translation_modes(Eigen::Index atoms);

// `moving` translated and rotated onto `reference` (same atom order) by the least-squares
// optimal proper rotation (Kabsch, Acta Cryst. A 32, 922 (1976)), so two configurations of a
// free cluster can be compared without their rigid-body drift.
Eigen::VectorXd aligned_onto(ConstVectorRef moving, ConstVectorRef reference);

}  // namespace pelcamp
