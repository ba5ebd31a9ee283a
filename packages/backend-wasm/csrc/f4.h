/* Short names for the f32x4 operations of the neuron kernels (neuron.c, recurrent.c). */
#pragma once
#include "common.h"

#define LD(p) wasm_v128_load(p)
#define ST(p, v) wasm_v128_store(p, v)
#define ADD wasm_f32x4_add
#define SUB wasm_f32x4_sub
#define MUL wasm_f32x4_mul
#define SPLAT wasm_f32x4_splat
