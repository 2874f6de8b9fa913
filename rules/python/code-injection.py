import ast


def calculate(request):
    expression = request.args.get("expr")
    # ruleid: python-eval-exec-dynamic
    return eval(expression)


def run_plugin(source_code, namespace):
    # ruleid: python-eval-exec-dynamic
    exec(source_code, namespace)


def call_handler(action):
    # ruleid: python-eval-exec-dynamic
    return eval(f"handle_{action}()")


def parse_settings(raw):
    # ok: python-eval-exec-dynamic
    return ast.literal_eval(raw)


def constant_expression():
    # ok: python-eval-exec-dynamic
    return eval("2 ** 10")


def prepare(model):
    # ok: python-eval-exec-dynamic
    model.eval()
