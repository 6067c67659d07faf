// Ends one expansion of the op list (ops.def): each includer defines the six row
// macros, includes ops.def, then this file. No include guard: it is meant to be
// included again.
#undef XG_OP
#undef XG_OP0
#undef XG_OP_
#undef XG_OP0_
#undef XG_FN
#undef XG_METHOD
