# Each thread runs its own instance of the module over the shared memory; wasm globals are per
# instance, so each instance points its C stack at its own region before it runs any kernel.
.globaltype __stack_pointer, i32

.globl snn_set_stack_pointer
.type snn_set_stack_pointer,@function
snn_set_stack_pointer:
  .functype snn_set_stack_pointer (i32) -> ()
  local.get 0
  global.set __stack_pointer
  end_function
.export_name snn_set_stack_pointer, snn_set_stack_pointer
