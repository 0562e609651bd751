${prelude}
${preamble}

// ---- clarity ListOfListsBuilder, ${mode} pass ----
typedef ${index_t} index_type;

#define LIST_ARG_DECL ${list_arg_decl}
#define LIST_ARGS ${list_args}
#define USER_ARG_DECL ${user_arg_decl}
#define USER_ARGS ${user_args}
${append_macros}

${generate}

__kernel void ${name}(${parameters}
    index_type clarity_n)
{
${pointer_setup}
    for (index_type i = get_global_id(0); i < clarity_n; i += get_global_size(0))
    {
${before}
        generate(LIST_ARGS USER_ARGS i);
${after}
    }
}
