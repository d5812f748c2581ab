// catalogue_parse.cpp — the parse result and the problem list shared by the JSON and CSV readers.
#include "core/catalogue/catalogue_parse.hpp"

#include <utility>

namespace lotsen {

std::string CatalogueParseResult::summary() const
{
    std::string out;
    for (const CatalogueProblem& problem : problems) {
        if (!out.empty())
            out += '\n';
        out += problem.to_string();
    }
    return out;
}

void CatalogueProblemList::add(std::string where, std::string reason)
{
    ++m_total;
    if (m_problems.size() < m_max)
        m_problems.push_back(CatalogueProblem{std::move(where), std::move(reason)});
}

void CatalogueProblemList::append(CatalogueProblemList&& other)
{
    const std::size_t unkept = other.m_total - other.m_problems.size();
    for (CatalogueProblem& problem : other.m_problems)
        add(std::move(problem.where), std::move(problem.reason));
    m_total += unkept;
    other.m_problems.clear();
    other.m_total = 0;
}

std::vector<CatalogueProblem> CatalogueProblemList::finish() &&
{
    if (m_total > m_problems.size()) {
        const std::size_t left_out = m_total - m_problems.size();
        m_problems.push_back(
            CatalogueProblem{"…", "and " + std::to_string(left_out) + " more problem" + (left_out == 1 ? "" : "s")});
    }
    return std::move(m_problems);
}

}  // namespace lotsen
