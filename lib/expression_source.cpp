#include "expression_source.hpp"

#include <stdexcept>

#include "embedded.hpp"
#include "kernel_support.hpp"
#include "source_template.hpp"
#include "strided_kernel.hpp"

namespace clarity::detail {

namespace {

using op = expr_op;

struct spelling {
    const char* text;  // an infix operator ("+") or a function name ("sin")
    bool infix;
};

// How `o` is written for operands of type `t` (after conversion to the node's operand type).
spelling spell(op o, const type_info& t) {
    const bool complex = t.kind == type_kind::complex, integer = t.is_integer();
    switch (o) {
        case op::negate: return {"-", true};
        case op::bit_not: return {"~", true};
        case op::logical_not: return {"!", true};
        case op::add: return {"+", true};
        case op::subtract: return {"-", true};
        case op::multiply: return complex ? spelling{"mul", false} : spelling{"*", true};
        case op::divide: return complex ? spelling{"div", false} : spelling{"/", true};
        case op::modulo: return integer ? spelling{"%", true} : spelling{"fmod", false};
        case op::equal: return {"==", true};
        case op::not_equal: return {"!=", true};
        case op::less: return {"<", true};
        case op::less_equal: return {"<=", true};
        case op::greater: return {">", true};
        case op::greater_equal: return {">=", true};
        case op::logical_and: return {"&&", true};
        case op::logical_or: return {"||", true};
        case op::bit_and: return {"&", true};
        case op::bit_or: return {"|", true};
        case op::bit_xor: return {"^", true};
        case op::shift_left: return {"<<", true};
        case op::shift_right: return {">>", true};
        case op::sin: return {"sin", false};
        case op::cos: return {"cos", false};
        case op::tan: return {"tan", false};
        case op::exp: return {"exp", false};
        case op::log: return {"log", false};
        case op::log2: return {"log2", false};
        case op::log10: return {"log10", false};
        case op::sqrt: return {"sqrt", false};
        case op::abs: return {complex || integer ? "abs" : "fabs", false};
        case op::floor: return {"floor", false};
        case op::ceil: return {"ceil", false};
        case op::round: return {"round", false};
        case op::tanh: return {"tanh", false};
        case op::pow: return {"pow", false};
        case op::fmin: return {integer ? "min" : "fmin", false};
        case op::fmax: return {integer ? "max" : "fmax", false};
        case op::clamp: return {"clamp", false};
        case op::where:
        case op::array:
        case op::scalar: break;
    }
    throw std::logic_error("clarity: no spelling for expression operator " + std::to_string(int(o)));
}

std::size_t arity(op o) {
    if (o == op::array || o == op::scalar) return 0;
    if (o == op::clamp || o == op::where) return 3;
    return o <= op::tanh ? 1 : 2;
}

struct value {
    std::string text;
    const type_info* type;
};

// One node's OpenCL C from its operands' (already converted where the node asks for it).
std::string node_text(const flat_expression::node& n, const std::vector<std::string>& x) {
    if (n.op == op::where) return "(" + x[0] + " ? " + x[1] + " : " + x[2] + ")";
    const auto& t = *n.operand_type;
    const auto s = spell(n.op, t);
    if (s.infix && x.size() == 1) return "(" + std::string(s.text) + x[0] + ")";
    if (s.infix) return "(" + x[0] + " " + s.text + " " + x[1] + ")";
    // Complex operations other than + - and negation are the complex header's functions.
    const bool complex_call = t.kind == type_kind::complex && n.op != op::add && n.op != op::subtract;
    std::string call = complex_call ? t.name.substr(0, t.name.size() - 2) + "_" + s.text : s.text;
    call += "(";
    for (std::size_t k = 0; k < x.size(); ++k) call += (k ? ", " : "") + x[k];
    call += ")";
    // OpenCL's abs of a signed integer is unsigned; the expression keeps the operand's type.
    if (n.op == op::abs && t.is_integer()) call = "(" + n.type->name + ")" + call;
    return call;
}

// The OpenCL C of the whole tree, with each array operand read as aN[aN_at].
std::string value_text(const flat_expression& e) {
    std::vector<value> stack;
    std::size_t arrays = 0, scalars = 0;
    for (const auto& n : e.nodes) {
        if (n.op == op::array) {
            const auto name = "a" + std::to_string(arrays++);
            stack.push_back({name + "[" + name + "_at]", n.type});
            continue;
        }
        if (n.op == op::scalar) {
            stack.push_back({"s" + std::to_string(scalars++), n.type});
            continue;
        }
        const std::size_t count = arity(n.op);
        std::vector<std::string> operands;
        for (std::size_t k = stack.size() - count; k < stack.size(); ++k) {
            const bool keep = n.op == op::where && operands.empty();  // the condition keeps its type
            operands.push_back(keep ? stack[k].text : convert_expression(*stack[k].type, *n.operand_type, stack[k].text));
        }
        stack.resize(stack.size() - count);
        stack.push_back({node_text(n, operands), n.type});
    }
    return stack.back().text;
}

std::vector<std::string> view_names(const flat_expression& e) {
    std::vector<std::string> names{"out"};
    for (std::size_t k = 0; k < e.arrays.size(); ++k) names.push_back("a" + std::to_string(k));
    return names;
}

std::string positions(const flat_expression& e, const expression_addressing& a) {
    const auto names = view_names(e);
    std::string text = "        " + a.index_t + " ";
    if (a.walk_dimensions == 0) {
        for (std::size_t v = 0; v < names.size(); ++v)
            text += (v ? ", " : "") + names[v] + "_at = " + names[v] + "_offset" + (a.moves[v] ? " + k" : "");
        return text + ";";
    }
    text += "rest = k";
    for (const auto& name : names) text += ", " + name + "_at = " + name + "_offset";
    return text + ";\n" + walk_steps(a.walk_dimensions, a.index_t, names);
}

}  // namespace

const type_info& expression_type(const flat_expression& e) { return *e.nodes.back().type; }

std::string expression_signature(const flat_expression& e, const type_info& out, const expression_addressing& a) {
    std::string key = "expression:" + a.index_t + ":" + out.name + "=";
    for (const auto& n : e.nodes) {
        key += std::to_string(int(n.op)) + n.type->name;
        if (n.operand_type) key += "/" + n.operand_type->name;
        key += ' ';
    }
    if (a.walk_dimensions > 0) return key + "walk" + std::to_string(a.walk_dimensions);
    key += "flat";
    for (bool moves : a.moves) key += moves ? '1' : '0';
    return key;
}

std::string expression_source(const device& dev, const flat_expression& e, const type_info& out,
                              const expression_addressing& a) {
    std::vector<const type_info*> types{&out};
    std::string arrays_parameters, scalar_parameters;  // arrays first, as run_expression sets them
    std::size_t arrays = 0, scalars = 0;
    for (const auto& n : e.nodes) {
        types.push_back(n.type);
        if (n.operand_type) types.push_back(n.operand_type);
        if (n.op == op::array) {
            const auto name = "a" + std::to_string(arrays++);
            arrays_parameters += "\n    __global const " + n.type->name + " *" + name + ", " + a.index_t + " " + name + "_offset,";
        } else if (n.op == op::scalar) {
            scalar_parameters += "\n    " + n.type->name + " s" + std::to_string(scalars++) + ",";
        }
    }
    for (const auto* type : types) require_type_support(dev, *type, "an expression");
    return fill_template(embedded_source("expression.cl"),
                         {{"prelude", kernel_prelude(dev, types)},
                          {"out_t", out.name},
                          {"index_t", a.index_t},
                          {"operand_parameters", arrays_parameters + scalar_parameters},
                          {"walk_parameters", walk_parameters(a.walk_dimensions, a.index_t, view_names(e))},
                          {"positions", positions(e, a)},
                          {"value", convert_expression(expression_type(e), out, value_text(e))}});
}

}  // namespace clarity::detail
