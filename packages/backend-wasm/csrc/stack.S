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

# The thread slot of this instance (0 on the calling thread, 1.. on workers): selects its scratch.
.globaltype __snn_slot, i32
__snn_slot:

.globl snn_set_slot
.type snn_set_slot,@function
snn_set_slot:
  .functype snn_set_slot (i32) -> ()
  local.get 0
  global.set __snn_slot
  end_function
.export_name snn_set_slot, snn_set_slot

.globl snn_slot
.type snn_slot,@function
snn_slot:
  .functype snn_slot () -> (i32)
  global.get __snn_slot
  end_function
